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
// A refusal shaped like the wasm's own (name SimulatorError, code INVALID_ARGUMENT).
function __simInvalid(message) {
  var e = new Error(message);
  e.name = 'SimulatorError';
  e.code = 'INVALID_ARGUMENT';
  return e;
}
// options.wasmUrl, read without trusting options (a Proxy or a getter may throw); the
// simulator itself checks every other option.
function __simWasmUrl(options) {
  if (options === null || typeof options !== 'object') return undefined;
  var url = options.wasmUrl;
  if (url !== undefined && typeof url !== 'string') throw __simInvalid('GadgetSimulator.create: options.wasmUrl: expected a string');
  return url;
}
window.GadgetSimulator = {
  /** Loads the wasm (once) and creates a simulator; see docs/simulator-api.md. */
  create: function (options) {
    var wasmUrl, opts = options;
    try {
      wasmUrl = __simWasmUrl(options);
      if (wasmUrl !== undefined) {
        opts = Object.assign({}, options);
        delete opts.wasmUrl;
      }
    } catch (e) {
      return Promise.reject(e && e.name === 'SimulatorError' ? e : __simInvalid('GadgetSimulator.create: options: could not be read (it threw)'));
    }
    return __simInit(wasmUrl).then(function () {
      return new wasm_bindgen.GadgetSimulator(opts);
    });
  },
  /** Loads the wasm without creating a simulator (e.g. to fail early). */
  init: function (wasmUrl) {
    if (wasmUrl !== undefined && wasmUrl !== null && typeof wasmUrl !== 'string') {
      return Promise.reject(__simInvalid('GadgetSimulator.init: wasmUrl: expected a string'));
    }
    return __simInit(wasmUrl || undefined).then(function () {});
  },
};
