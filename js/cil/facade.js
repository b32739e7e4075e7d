// connects-cil JS facade: the `ConnectsIntegrationLibrary` API of the b+s 2.7 reference around
// the wasm `CilClient`. Shared by the drop-in script (dist/cil.js, wrapped in an IIFE by
// build.sh, which strips the `export` below) and the ES module build (dist/esm/).
//
// Why a JS layer at all: the reference's sample code runs synchronously right after the
// <script> tag (`cil.onWorkitemCreate(...)`), before any WebAssembly can be instantiated. The
// facade records registrations and calls until the wasm is ready, then replays them in order;
// it also turns a blocked or missing wasm into a clear WASM_UNAVAILABLE instead of a CompileError.

export function createCilApi(loadBindings) {
  'use strict';
  // [method, wire event name] — `onCreateChannel` is an alias of `onChannelCreate`.
  var EVENTS = [
    ['onAgentStateChange', 'agentStateChange'],
    ['onCallVariableChanged', 'callVariableChanged'],
    ['onChannelCreate', 'createChannel'],
    ['onCreateChannel', 'createChannel'],
    ['onError', 'error'],
    ['onWorkitemConnect', 'workitemConnect'],
    ['onWorkitemCreate', 'workitemCreate'],
    ['onWorkitemEnd', 'workitemEnd'],
    ['onWorkitemPause', 'workitemPause'],
    ['onWorkitemResume', 'workitemResume'],
    ['onWorkitemWrapup', 'workitemWrapup'],
    ['onWrapupDataChanged', 'wrapupDataChanged'],
    ['onConnectionChange', 'connectionChange']
  ];
  var METHODS = ['dialOrConsult', 'getChannel', 'getReasonCodeList', 'isUpdateWorkitemDataEnabled',
    'setAgentState', 'setWrapupReason', 'updateWorkitemData'];

  /** A failed cil operation: `code` is stable (see the README), `message` says why. */
  class CilError extends Error {
    constructor(message, code, requestId) {
      super(message);
      this.name = 'CilError';
      this.code = code;
      this.requestId = requestId || '';
    }
  }

  var bindings = null; // the wasm exports, once instantiated
  var failure = null; // a CilError(WASM_UNAVAILABLE) once loading failed
  var loading = null;
  var waiting = []; // instances in use before the wasm was ready
  var states = new WeakMap();
  var defaultInstance = null;
  var creatingDefault = false; // the default instance connects on first use, not at creation

  function unavailable(e) {
    var text = String((e && e.message) || e);
    var csp = /Content.Security.Policy|unsafe-eval/i.test(text);
    var message = csp
      ? "WebAssembly is blocked by this page's Content-Security-Policy: add 'wasm-unsafe-eval' to " +
        'script-src so the cil client (WebAssembly) can run. The browser said: ' + text
      : 'could not load the cil WebAssembly module' + (e && e.cilUrl ? ' from ' + e.cilUrl : '') +
        ': ' + text;
    return new CilError(message, 'WASM_UNAVAILABLE', '');
  }

  function load() {
    if (!loading) {
      loading = Promise.resolve().then(loadBindings).then(function (b) {
        bindings = b;
        b.setErrorClass(CilError);
        waiting.splice(0).forEach(attach);
      }, function (e) {
        failure = unavailable(e);
        console.error('cil: ' + failure.message);
        waiting.splice(0).forEach(fail);
      });
    }
    return loading;
  }

  // Start using an instance: create its wasm client now, or as soon as the wasm is there.
  function use(self) {
    var st = states.get(self);
    if (!st) throw new TypeError('not a ConnectsIntegrationLibrary instance');
    if (!st.used && !st.destroyed) {
      st.used = true;
      if (bindings) attach(st);
      else if (failure) fail(st);
      else { waiting.push(st); load(); }
    }
    return st;
  }

  function attach(st) {
    if (st.destroyed) return;
    try {
      st.client = new bindings.CilClient(st.options);
    } catch (e) {
      console.error('cil: ' + (e && e.message));
      return fail(st, e);
    }
    st.regs.splice(0).forEach(function (reg) {
      if (!reg.removed) reg.token = st.client.on(reg.event, reg.fn);
    });
    st.ops.splice(0).forEach(function (op) {
      var p = op.method ? st.client.request(op.method, op.args) : st.client.ready();
      p.then(op.resolve, op.reject);
    });
  }

  function fail(st, error) {
    st.failed = error || failure;
    var data = { event: 'error', version: '2.7', requestId: '', message: st.failed.message, code: st.failed.code };
    st.regs.forEach(function (reg) {
      if (reg.event === 'error' && !reg.removed) {
        try { reg.fn(data); } catch (e) { console.error('cil: an onError handler threw', e); }
      }
    });
    st.ops.splice(0).forEach(function (op) { op.reject(st.failed); });
  }

  function destroyed() {
    return new CilError('this cil instance was destroyed', 'DESTROYED', '');
  }

  function pending(st, method, args) {
    if (st.client) return method ? st.client.request(method, args) : st.client.ready();
    if (st.destroyed) return Promise.reject(destroyed());
    if (st.failed) return Promise.reject(st.failed);
    return new Promise(function (resolve, reject) {
      st.ops.push({ method: method, args: args, resolve: resolve, reject: reject });
    });
  }

  function on(self, name, event, fn) {
    if (typeof fn !== 'function') {
      throw new CilError(name + ': handler: expected a function, got ' + typeof fn, 'INVALID_ARGUMENT', '');
    }
    var st = use(self);
    var reg = { event: event, fn: fn, token: null, removed: false };
    if (st.client) reg.token = st.client.on(event, fn);
    else if (!st.destroyed) st.regs.push(reg);
    return function unsubscribe() {
      if (reg.removed) return;
      reg.removed = true;
      if (reg.token !== null && st.client) st.client.off(reg.token);
    };
  }

  /**
   * The b+s Connects Integration API client. `new ConnectsIntegrationLibrary(options)` starts
   * connecting to the gadget at once; the static methods use a default instance (`window.cil`
   * in the drop-in script) that connects on first use.
   */
  class ConnectsIntegrationLibrary {
    constructor(options) {
      states.set(this, { options: options, client: null, regs: [], ops: [], used: false, destroyed: false, failed: null });
      if (!creatingDefault) use(this);
    }

    /** Calls `callback(this)` once connected; the Promise resolves (with this) then too. */
    initIntegration(callback) {
      var self = this;
      return pending(use(this), null, null).then(function () {
        if (typeof callback === 'function') callback(self);
        return self;
      });
    }

    /** Whether the handshake with the gadget is done. */
    get connected() {
      var st = states.get(this);
      return !!(st && st.client && st.client.connected);
    }

    /** The id of the connected gadget instance (changes when the gadget reloads). */
    get hostId() {
      var st = states.get(this);
      return (st && st.client && st.client.hostId) || undefined;
    }

    /** Rejects everything pending with DESTROYED and removes every listener and timer. */
    destroy() {
      var st = states.get(this);
      if (!st || st.destroyed) return;
      st.destroyed = true;
      if (st.client) st.client.destroy();
      var error = destroyed();
      st.ops.splice(0).forEach(function (op) { op.reject(error); });
      st.regs.length = 0;
      var i = waiting.indexOf(st);
      if (i >= 0) waiting.splice(i, 1);
    }
  }

  var proto = ConnectsIntegrationLibrary.prototype;
  METHODS.forEach(function (method) {
    proto[method] = function () {
      return pending(use(this), method, Array.prototype.slice.call(arguments));
    };
  });
  EVENTS.forEach(function (pair) {
    proto[pair[0]] = function (fn) { return on(this, pair[0], pair[1], fn); };
  });

  function getDefault(options) {
    if (!defaultInstance) {
      creatingDefault = true;
      try { defaultInstance = new ConnectsIntegrationLibrary(options); } finally { creatingDefault = false; }
    }
    return defaultInstance;
  }
  // Static use, as in the vendor's ServiceNow example: `ConnectsIntegrationLibrary.initIntegration(cb)`.
  METHODS.concat(EVENTS.map(function (p) { return p[0]; }), ['initIntegration', 'destroy']).forEach(function (name) {
    ConnectsIntegrationLibrary[name] = function () {
      var inst = getDefault(undefined);
      return inst[name].apply(inst, arguments);
    };
  });

  return {
    ConnectsIntegrationLibrary: ConnectsIntegrationLibrary,
    CilError: CilError,
    defaultInstance: getDefault,
    load: load
  };
}
