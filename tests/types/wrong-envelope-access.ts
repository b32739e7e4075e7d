import ConnectsIntegrationLibrary from '../../js/cil/cil.js';
// In the default ('value') shape a request resolves to its value: there is no `.success`.
void new ConnectsIntegrationLibrary().getChannel('voice').then((r) => r.success);
