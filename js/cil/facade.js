// connects-cil JS facade: the `ConnectsIntegrationLibrary` API of the b+s 2.7 reference around
// the wasm `CilCore`. Shared by the drop-in script (dist/cil.js, wrapped in an IIFE by
// build.sh, which strips the `export` below) and the ES module build (dist/esm/).
//
// Which layer does what (see js/cil/README.md, "Layers"):
// * the wasm (`CilCore`, src/) holds the contract and every decision: argument and option
//   checks with their exact messages, the method/event/error-code tables, which handshake
//   messages to accept (source window, origin, client id), and the client state machine
//   (handshake, correlation, timeouts, queueing, reconnect);
// * this file does the object and I/O work: it describes page values to the wasm as short
//   strings (src/describe.rs), builds the wire messages from values the wasm accepted, owns the
//   window listener, the MessagePorts and the timer, and hands results and event payloads to
//   the page untouched (they never enter the wasm: that is what makes events fast);
// * and, before the wasm is there, it records registrations and calls and replays them in order
//   (the reference's sample code runs synchronously right after the <script> tag), and turns a
//   blocked or missing wasm into a clear WASM_UNAVAILABLE instead of a CompileError.

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
  var NS = 'connects-cil';
  var LEVELS = ['silent', 'error', 'warn', 'info', 'debug'];
  var CONSOLE = ['', 'error', 'warn', 'info', 'debug'];

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
  var eventNames = null; // the wire event names, numbered as the wasm numbers them
  var eventIndex = null; // wire name → number
  var paramNames = {}; // method → its positional parameter names (from the wasm)
  var methodNumbers = {}; // method → its number in the wasm (0: unknown to it)
  var finalizer = typeof FinalizationRegistry == 'function'
    ? new FinalizationRegistry(function (h) { bindings.cil(h, 22, '', '', '', 0, 0, 0, 0); }) : null;

  // A page value as the short string the wasm reads (src/describe.rs): kind letter + text.
  function describe(v) {
    var t = typeof v;
    return t == 'string' ? 's' + v : t == 'number' ? 'n' + v : t == 'boolean' ? 'b' + v
      : v === null ? 'l' : v === undefined ? 'u' : Array.isArray(v) ? 'a' : t == 'object' ? 'o' : 'x' + t;
  }
  function str(v) { return typeof v == 'string' ? v : undefined; }
  function ours(d) { return d !== null && typeof d == 'object' && d.ns === NS && d.v === 1; }

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
        var h = b.cil(0, 1, '', '', '', 0, 0, 0, 0); // a scratch client, to read the tables
        b.cil(h, 24, '', '', '', 0, 0, 0, 0);
        eventNames = b.text(h, 0).split(',');
        METHODS.forEach(function (m) {
          methodNumbers[m] = b.cil(h, 23, m, '', '', 0, 0, 0, 0);
          paramNames[m] = b.text(h, 0).split(',');
        });
        b.cil(h, 22, '', '', '', 0, 0, 0, 0);
        eventIndex = new Map(eventNames.map(function (n, i) { return [n, i]; }));
        waiting.splice(0).forEach(attach);
      }, function (e) {
        failure = unavailable(e);
        console.error('cil: ' + failure.message);
        waiting.splice(0).forEach(fail);
      });
    }
    return loading;
  }

  // One connection to the gadget: the I/O around one wasm CilCore. The instruction codes of
  // `run` are those of src/abi.rs (`input`), the effect codes in `drain` those of
  // src/machine.rs (`op`).
  function connect(options, st) {
    var cil = bindings.cil;
    // The wasm client lives as long as anything can still reach `core` (listeners, timer, the
    // instance); then the finalizer frees its slot.
    var core = { h: cil(0, 1, '', '', '', 0, 0, 0, 0) };
    if (finalizer) finalizer.register(core, core.h, core);
    function run(op, a, b, c, x, y, z) {
      // (numbers as given: NaN must reach the wasm as NaN, not as 0)
      return cil(core.h, op, a || '', b || '', c || '', x === undefined ? 0 : x, y || 0, z || 0, Date.now());
    }
    function text(i) { return bindings.text(core.h, i); }
    var o = options;
    function get(k) { return o !== null && typeof o == 'object' ? o[k] : undefined; }
    function check(name, d, n) {
      if (run(2, name, d, '', n)) {
        var m = text(0);
        if (finalizer) finalizer.unregister(core);
        run(22);
        throw new CilError(m, 'INVALID_ARGUMENT', '');
      }
    }
    function opt(name) {
      var v = get(name);
      check(name, describe(v), typeof v == 'number' ? v : 0);
      return v;
    }
    check('options', describe(o), 0);
    var t = get('target');
    check('target', t !== null && typeof t == 'object' && typeof t.postMessage == 'function' ? 'w' : describe(t), 0);
    var name = t === undefined ? 'parent' : typeof t == 'string' ? t : '';
    var target = name ? window[name] : t;
    if (!target || typeof target != 'object') check('target', '!', 0);
    run(3, name, '', '', target === window ? 1 : 0);
    var allowed = get('allowedOrigins');
    check('allowedOrigins', describe(allowed), Array.isArray(allowed) ? allowed.length : 0);
    var origins = allowed === undefined ? [location.origin] : typeof allowed == 'string' ? [allowed] : allowed.slice();
    origins.forEach(function (origin) { check(allowed === undefined ? 'ownOrigin' : 'origin', describe(origin), 0); });
    var level = opt('logLevel');
    level = level === undefined ? 2 : LEVELS.indexOf(level);
    var id = get('clientId');
    check('clientId', describe(id === undefined ? Math.floor(Math.random() * 2 ** 52).toString(36) : id), 0);
    opt('connectTimeout');
    opt('requestTimeout');

    var tokens = 0; // request tokens
    var pending = new Map(); // request token → {resolve, reject, method, params}
    var readies = []; // initIntegration Promises waiting for the connection
    var ports = []; // MessagePorts: older ones still deliver their responses; the last is current
    var ackPort = null; // the port of the ack being handled
    var held; // the result or event payload being handled (never copied into the wasm)
    var timer = null;
    var timerAt = Infinity;
    var gone = false;

    function log(at, text, extra) {
      if (at <= level) console[CONSOLE[at]]('cil: ' + text, extra);
    }

    function errorEvent(message, code, requestId) {
      return { event: 'error', version: '2.7', requestId: requestId, message: message, code: code };
    }

    function report(message, code, requestId) {
      log(2, message);
      dispatch('error', errorEvent(message, code, requestId));
    }

    // Calls the handlers of `event`; one that throws is logged and reported as an `error` event
    // with code HANDLER_ERROR (unless it was an `error` handler: no loops).
    function dispatch(event, data) {
      var list = st.handlers[event];
      if (!list) return;
      var thrown = [];
      for (var i = 0; i < list.length; i++) {
        try { list[i](data); } catch (e) { thrown.push(e); }
      }
      thrown.forEach(function (e) {
        var handler = EVENTS.find(function (p) { return p[1] == event; })[0];
        var message = 'an ' + handler + ' handler threw: ' +
          (e != null && typeof e.message == 'string' ? e.message : typeof e == 'string' ? e : '(no message)');
        log(1, message, e);
        if (event != 'error') {
          var report = errorEvent(message, 'HANDLER_ERROR', '');
          (st.handlers.error || []).forEach(function (h) {
            try { h(report); } catch (again) { log(1, 'an onError handler threw', again); }
          });
        }
      });
    }

    function settleReadies(error) {
      readies.splice(0).forEach(function (r) { if (error) r.reject(error); else r.resolve(); });
    }

    function closePorts() {
      ports.splice(0).forEach(function (p) { p.onmessage = null; p.close(); });
    }

    function tick() {
      timer = null;
      timerAt = Infinity;
      drain(run(15));
    }

    // Performs the wasm's effects, in order, starting with `next` (what the input returned):
    // each is `op + 16 * more + 32 * a`, `more` saying whether to ask for another.
    function drain(next) {
      var op, a, p, more;
      for (; next; next = more ? run(18) : 0) {
        op = next % 16;
        more = next % 32 >= 16;
        a = (next - next % 32) / 32;
        if (op == 4) { // SEND
          p = pending.get(run(19));
          if (p && ports.length) {
            ports[ports.length - 1].postMessage({ ns: NS, v: 1, kind: 'request', id: a, method: p.method, params: p.params });
          }
        } else if (op == 5 || op == 6) { // RESOLVE, REJECT
          p = pending.get(a);
          pending.delete(a);
          if (!p) continue; // (continue asks for the next effect)
          if (op == 5) p.resolve(held == null ? undefined : held);
          else p.reject(new CilError(text(0), text(1), text(2)));
        } else if (op == 7) { // EVENT
          dispatch(eventNames[a], held);
        } else if (op == 1) { // POST_SYN
          var syn = { ns: NS, v: 1, kind: 'syn', clientId: text(0) };
          origins.forEach(function (origin) {
            try { target.postMessage(syn, origin); } catch (e) { log(2, 'could not post syn to origin ' + origin); }
          });
        } else if (op == 2) { // DROP_PORTS
          closePorts();
        } else if (op == 3) { // ADOPT_PORT
          (function (port, generation) {
            port.onmessage = function (e) { onPort(generation, e.data); };
            ports.push(port);
          })(ackPort, a);
        } else if (op == 8) { // REPORT
          report(text(0), text(1), text(2));
        } else if (op == 9) { // CONNECTION
          var up = a == 1;
          var change = { connected: up, hostId: text(0) };
          var reason = text(2);
          if (reason) change.reason = reason;
          log(3, (up ? 'connected to gadget ' : 'lost the connection to gadget ') + change.hostId);
          if (up) settleReadies();
          dispatch('connectionChange', change);
        } else if (op == 10) { // CONNECT_FAILED
          var failed = new CilError(text(0), text(1), text(2));
          if (failed.code != 'DESTROYED') log(2, failed.message);
          settleReadies(failed);
        } else if (op == 11) { // WAKE_AT
          var at = run(20);
          if (at < timerAt) {
            clearTimeout(timer);
            timerAt = at;
            timer = setTimeout(tick, Math.min(Math.max(timerAt - Date.now(), 0), 2147483647));
          }
        } else if (op == 12) { // LOG
          log(a, text(0));
        } else if (op == 13) { // READY
          settleReadies();
        }
      }
    }

    function onWindow(e) {
      var d = e.data;
      if (!ours(d) || (d.kind !== 'announce' && d.kind !== 'ack')) return;
      ackPort = (e.ports && e.ports[0]) || null;
      var c = d.clientId, h = d.hostId;
      drain(run(11, e.origin, str(c), str(h), 0, 0, (d.kind === 'ack' ? 1 : 0) | (e.source === target ? 2 : 0) |
        (ackPort ? 4 : 0) | (typeof c == 'string' ? 8 : 0) | (typeof h == 'string' ? 16 : 0)));
      ackPort = null;
    }

    function onPort(generation, d) {
      // Ours: `ns` and some `v` (PROTOCOL.md §1); anything else is other traffic, ignored.
      if (d === null || typeof d != 'object' || d.ns !== NS || d.v === undefined) return;
      if (level > 3) log(4, 'received', d);
      var k = d.kind, next;
      if (d.v !== 1) {
        next = run(25, '', '', '', generation, 1);
      } else if (k === 'response') {
        var ok = d.ok === true;
        var error = d.error || 0;
        var code = error.code, message = error.message;
        held = ok ? d.result : undefined;
        next = run(12, str(code), str(message), '', typeof d.id == 'number' ? d.id : NaN, 0,
          (ok ? 1 : 0) | (typeof code == 'string' ? 2 : 0) | (typeof message == 'string' ? 4 : 0) |
          (typeof d.ok == 'boolean' ? 8 : 0));
      } else if (k === 'event') {
        if (typeof d.name != 'string') {
          next = run(25, '', '', '', generation, 3);
        } else {
          var index = eventIndex.get(d.name);
          if (index === undefined) return; // an event of a newer gadget: not an error
          held = d.data;
          next = run(13, '', '', '', generation, index, held !== null && typeof held == 'object' && !Array.isArray(held) ? 1 : 0);
        }
      } else if (k === 'bye') {
        next = run(14, str(d.hostId), '', '', generation, 0, typeof d.hostId == 'string' ? 1 : 0);
      } else {
        next = run(25, '', '', '', generation, 2);
      }
      drain(next);
      held = undefined;
    }

    window.addEventListener('message', onWindow);
    drain(run(10));

    return {
      request: function (method, args) {
        if (!run(4, '', '', '', methodNumbers[method])) return Promise.reject(new CilError('unknown request ' + method, 'INVALID_ARGUMENT', ''));
        var names = paramNames[method];
        var params = {};
        // Absent optional arguments (requestId, options) need no check: the wasm skips them.
        var count = Math.max(args.length, names.length);
        for (var i = 0; i < count; i++) {
          var v = args[i];
          var d = describe(v);
          var keys = d == 'o' ? Object.keys(v) : null;
          var use = run(5, d, '', '', keys ? keys.length : typeof v == 'number' ? v : 0);
          if (use == 255) break;
          if (use == 1) params[names[i]] = v;
          else if (use == 2) params[names[i]] = '';
          else if (use == 3) { // updatedData: copied from the very values checked
            var copy = {};
            for (var j = 0; j < keys.length; j++) {
              var value = v[keys[j]];
              if (!run(6, keys[j], describe(value))) break;
              copy[keys[j]] = value;
            }
            params[names[i]] = copy;
          } else if (use == 4) params.requestId = String(v);
          else if (use == 5) run(7, describe(v.timeout), '', '', typeof v.timeout == 'number' ? v.timeout : 0);
        }
        // The promise exists before the call, so effects of the call itself (a rejection when
        // destroyed) find it.
        var token = ++tokens;
        var entry = { method: method, params: params, resolve: null, reject: null };
        var promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
        pending.set(token, entry);
        var first = run(9, '', '', '', token, args.length);
        if (first < 0) { // an argument was wrong: nothing was called
          pending.delete(token);
          var message = text(0);
          var requestId = str(args[names.length]) || '';
          report(message, 'INVALID_ARGUMENT', requestId);
          entry.reject(new CilError(message, 'INVALID_ARGUMENT', requestId));
        } else {
          log(4, method, params);
          drain(first);
        }
        return promise;
      },
      ready: function () {
        return new Promise(function (resolve, reject) {
          readies.push({ resolve: resolve, reject: reject });
          drain(run(10));
        });
      },
      get connected() { return !!run(17); },
      get hostId() { return run(17) ? text(0) : undefined; },
      destroy: function () {
        if (gone) return;
        gone = true;
        drain(run(16));
        window.removeEventListener('message', onWindow);
        clearTimeout(timer);
        timerAt = -Infinity; // no timer after destroy
        closePorts();
      }
    };
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
      st.client = connect(st.options, st);
    } catch (e) {
      console.error('cil: ' + (e && e.message));
      return fail(st, e);
    }
    st.ops.splice(0).forEach(function (op) {
      var p = op.method ? st.client.request(op.method, op.args) : st.client.ready();
      p.then(op.resolve, op.reject);
    });
  }

  function fail(st, error) {
    st.failed = error || failure;
    var data = { event: 'error', version: '2.7', requestId: '', message: st.failed.message, code: st.failed.code };
    (st.handlers.error || []).forEach(function (fn) {
      try { fn(data); } catch (e) { console.error('cil: an onError handler threw', e); }
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
    // Handlers live here from the first registration (before the wasm is there too); lists are
    // replaced, never changed in place, so a dispatch in progress keeps its snapshot.
    var entry = function (data) { fn(data); };
    if (!st.destroyed) st.handlers[event] = (st.handlers[event] || []).concat([entry]);
    return function unsubscribe() {
      var list = st.handlers[event];
      if (list) st.handlers[event] = list.filter(function (h) { return h !== entry; });
    };
  }

  /**
   * The b+s Connects Integration API client. `new ConnectsIntegrationLibrary(options)` starts
   * connecting to the gadget at once; the static methods use a default instance (`window.cil`
   * in the drop-in script) that connects on first use.
   */
  class ConnectsIntegrationLibrary {
    constructor(options) {
      states.set(this, { options: options, client: null, handlers: {}, ops: [], used: false, destroyed: false, failed: null });
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

    /** Diagnostic: bytes of WebAssembly linear memory of the cil module (0 before it loads). */
    wasmMemoryBytes() {
      return bindings ? bindings.cil(0, 21, '', '', '', 0, 0, 0, 0) : 0;
    }

    /** Rejects everything pending with DESTROYED and removes every listener and timer. */
    destroy() {
      var st = states.get(this);
      if (!st || st.destroyed) return;
      st.destroyed = true;
      if (st.client) st.client.destroy();
      var error = destroyed();
      st.ops.splice(0).forEach(function (op) { op.reject(error); });
      st.handlers = {};
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
