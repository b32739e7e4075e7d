// The gadget side of tests/e2e/package.test.mjs: the simulator's ES module from the installed
// package (`connects-cil/simulator`), bundled with no configuration, hosting the integration
// page named by ?frame=<url> and exposed as window.sim.
import { create } from 'connects-cil/simulator';

const sim = await create({ initialState: 'Ready' });
window.sim = sim;
sim.createFrame(document.body, new URLSearchParams(location.search).get('frame'));
document.body.dataset.ready = 'true';
