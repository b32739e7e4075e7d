// What the page gets when the cil WebAssembly cannot run (a Content-Security-Policy without
// 'wasm-unsafe-eval', a browser without WebAssembly, a damaged module): a class with the API's
// shape whose every request and initIntegration rejects with WASM_UNAVAILABLE (requests of an
// instance with resultShape 'envelope' resolve {success: false, error} instead), whose onError
// handlers receive that error (also when registered after the failure), and whose other
// registrations are accepted and never called. This is the one place the JS decides anything,
// because without the wasm there is nothing else to decide it; tests/dts.rs keeps its name lists
// equal to the protocol's.
const REQUESTS = ['dialOrConsult', 'getChannel', 'getReasonCodeList', 'isUpdateWorkitemDataEnabled',
  'setAgentState', 'setWrapupReason', 'updateWorkitemData'];
const REGISTRATIONS = ['onAgentStateChange', 'onCallVariableChanged', 'onChannelCreate', 'onCreateChannel',
  'onError', 'onWorkitemConnect', 'onWorkitemCreate', 'onWorkitemEnd', 'onWorkitemPause',
  'onWorkitemResume', 'onWorkitemWrapup', 'onWrapupDataChanged', 'onQueueDataUpdate', 'onTeamDataUpdate',
  'onConnectionChange'];

/** The stand-in class for a wasm that failed with `cause`; logs the reason once. */
export function unavailableLibrary(cause, CilError) {
  const text = String((cause && cause.message) || cause);
  const message = /Content.Security.Policy|unsafe-eval/i.test(text)
    ? "WebAssembly is blocked by this page's Content-Security-Policy: add 'wasm-unsafe-eval' to " +
      'script-src so the cil client (WebAssembly) can run. The browser said: ' + text
    : 'could not load the cil WebAssembly module: ' + text;
  console.error('cil: ' + message);
  const fail = () => Promise.reject(new CilError(message, 'WASM_UNAVAILABLE', ''));
  const page = (typeof window === 'object' && window.CIL_OPTIONS) || {};
  const line = { time: new Date().toISOString(), level: 'error', message };
  class ConnectsIntegrationLibrary {
    constructor(options) {
      // resultShape 'envelope': requests resolve {success: false, error} instead of rejecting.
      const shape = (options && options.resultShape) || page.resultShape;
      this.envelope = shape === 'envelope';
    }
    initIntegration() { return fail(); }
    get connected() { return false; }
    get hostId() { return undefined; }
    destroy() {}
    wasmMemoryBytes() { return 0; }
    supportLog() { return [Object.assign({}, line)]; }
    supportLogText() { return line.time + ' error ' + message + '\n'; }
    static defaultInstance() { return fallback; }
  }
  const proto = ConnectsIntegrationLibrary.prototype;
  for (const name of REQUESTS) {
    proto[name] = function () {
      return this.envelope
        ? Promise.resolve({ success: false, error: { code: 'WASM_UNAVAILABLE', message, requestId: '' } })
        : fail();
    };
  }
  for (const name of REGISTRATIONS) {
    proto[name] = function (handler) {
      if (name === 'onError' && typeof handler === 'function') {
        const data = { event: 'error', version: '2.7', requestId: '', message, code: 'WASM_UNAVAILABLE' };
        queueMicrotask(() => handler(data));
      }
      return () => {};
    };
  }
  const fallback = new ConnectsIntegrationLibrary();
  for (const name of [...REQUESTS, ...REGISTRATIONS, 'initIntegration', 'destroy']) {
    ConnectsIntegrationLibrary[name] = (...args) => fallback[name](...args);
  }
  return ConnectsIntegrationLibrary;
}
