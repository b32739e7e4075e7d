// Must not compile: the ES module sets no window.cil (only the drop-in does).
import ConnectsIntegrationLibrary from '../../js/cil/cil.js';
new ConnectsIntegrationLibrary();
window.cil.getChannel('voice');
