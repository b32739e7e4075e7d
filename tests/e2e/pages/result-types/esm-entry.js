// Entry of the webpack bundle that tests/e2e/result-types.test.mjs builds from the simulator's
// ES-module build (dist/simulator-esm, aliased as 'gadget-simulator', async WebAssembly), as an
// integrator's bundler would.
import { create } from 'gadget-simulator';

window.startSimHost(create);
