// Facade of the drop-in build (inside the IIFE, after wasm-bindgen's no-modules glue, which
// defines the local `wasm_bindgen`). window.GadgetSimulator.create(options) loads the wasm
// once (from next to this script, or options.wasmUrl) and returns a simulator.
var __simReady = null;
function __simInit(wasmUrl) {
  if (!__simReady) {
    var url = wasmUrl || new URL('gadget-simulator_bg.wasm', __simScript || location.href).href;
    __simReady = wasm_bindgen({ module_or_path: url });
  }
  return __simReady;
}
window.GadgetSimulator = {
  /** Loads the wasm (once) and creates a simulator; see docs/simulator-api.md. */
  create: function (options) {
    var opts = Object.assign({}, options || {});
    var wasmUrl = opts.wasmUrl;
    delete opts.wasmUrl;
    return __simInit(wasmUrl).then(function () {
      return new wasm_bindgen.GadgetSimulator(opts);
    });
  },
  /** Loads the wasm without creating a simulator (e.g. to fail early). */
  init: function (wasmUrl) {
    return __simInit(wasmUrl).then(function () {});
  },
};
