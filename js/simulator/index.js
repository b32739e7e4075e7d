// ES-module facade of the gadget simulator for bundlers (webpack 5 with
// experiments.asyncWebAssembly): the wasm is instantiated when this module is imported.
// See docs/simulator-api.md.
import { GadgetSimulator } from './cil_simulator_web.js';

export { GadgetSimulator };

/** Creates a simulator (async for parity with the drop-in build's `GadgetSimulator.create`). */
export async function create(options = {}) {
  return new GadgetSimulator(options);
}

export default { create, GadgetSimulator };
