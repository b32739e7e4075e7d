// The integration side of the benchmark: one contender per frame, all driven the same way.
//
// Each adapter offers `ready` (a Promise settled when it can talk to the host), `call()` (one
// getChannel round trip), `request(method, args)` (one round trip of any of the seven requests,
// for the mix of bench/mix.js) and `onEvent(fn)`. The frame reports readiness to its parent with
// a plain postMessage (the same extra hop for everyone), and exposes `window.bench` for the
// orchestrator (bench/run.mjs) to drive through Playwright.
//
// The `simulator` frame is the cil client talking to the simulator (the simulator section of
// the bench): it also listens to every event, and runs the mix in rounds (`simRounds`).
(function () {
  'use strict';
  const contender = document.currentScript.dataset.contender;
  const hostOrigin = new URLSearchParams(location.search).get('host');
  const host = window.parent;
  const MIX = window.BENCH_MIX.requests;
  const EVENT_HANDLERS = ['onAgentStateChange', 'onCallVariableChanged', 'onChannelCreate', 'onError', 'onWorkitemConnect',
    'onWorkitemCreate', 'onWorkitemEnd', 'onWorkitemPause', 'onWorkitemResume', 'onWorkitemWrapup', 'onWrapupDataChanged'];

  function rawAdapter(send, listen) {
    const pending = new Map();
    let nextId = 1;
    let handler = () => {};
    let resolveReady;
    const ready = new Promise((r) => (resolveReady = r));
    listen((m) => {
      if (m.t === 'res') {
        const p = pending.get(m.id);
        if (p) { pending.delete(m.id); p(m.result); }
      } else if (m.t === 'ev') handler(m.data);
      else if (m.t === 'hi') resolveReady();
    });
    return {
      ready,
      call() { const id = nextId++; return new Promise((r) => { pending.set(id, r); send({ t: 'req', id }); }); },
      request(m, a) { const id = nextId++; return new Promise((r) => { pending.set(id, r); send({ t: 'req', id, m, a }); }); },
      onEvent(fn) { handler = fn; },
    };
  }

  function cilAdapter(allEvents) {
    const lib = new ConnectsIntegrationLibrary({ target: 'parent', allowedOrigins: [hostOrigin] });
    let handler = () => {};
    if (allEvents) EVENT_HANDLERS.forEach((h) => lib[h]((d) => handler(d)));
    else lib.onWorkitemCreate((d) => handler(d));
    return {
      ready: lib.initIntegration(),
      call: () => lib.getChannel('voice'),
      request: (m, a) => lib[m](...a),
      onEvent(fn) { handler = fn; },
      lib,
    };
  }

  const adapters = {
    'raw-window'() {
      const a = rawAdapter(
        (m) => host.postMessage(m, hostOrigin),
        (fn) => window.addEventListener('message', (e) => {
          if (e.source === host && e.origin === hostOrigin && e.data && e.data.t) fn(e.data);
        }),
      );
      host.postMessage({ t: 'hello' }, hostOrigin);
      return a;
    },
    'raw-port'() {
      const ch = new MessageChannel();
      const a = rawAdapter((m) => ch.port1.postMessage(m), (fn) => { ch.port1.onmessage = (e) => fn(e.data); });
      host.postMessage({ t: 'port' }, hostOrigin, [ch.port2]);
      return a;
    },
    penpal() {
      let handler = () => {};
      const conn = Penpal.connect({
        messenger: new Penpal.WindowMessenger({ remoteWindow: host, allowedOrigins: [hostOrigin] }),
        methods: { event(data) { handler(data); } },
      });
      let remote;
      const ready = conn.promise.then((r) => { remote = r; });
      return { ready, call: () => remote.getChannel(), request: (m, a) => remote[m](...a), onEvent(fn) { handler = fn; } };
    },
    cil: () => cilAdapter(false),
    simulator: () => cilAdapter(true),
  };

  const adapter = adapters[contender]();
  const now = () => performance.now();

  // What each request must resolve to (any contender): getChannel a channel object, the
  // reason codes a non-empty array, isUpdateWorkitemDataEnabled true, the rest no value (null
  // from the raw and Penpal hosts, undefined from cil).
  function check(method, r) {
    const ok = method === 'getChannel' ? !!(r && r.channel && Array.isArray(r.channel.workitems))
      : method === 'getReasonCodeList' ? Array.isArray(r) && r.length > 0
        : method === 'isUpdateWorkitemDataEnabled' ? r === true
          : r === undefined || r === null;
    if (!ok) throw new Error(`${contender}: bad result of ${method}: ${JSON.stringify(r)}`);
  }

  // Reset of the simulator's model between rounds of the mix (see bench/host.js); the listener
  // exists only in the simulator frame (no contender pays for it).
  let resetDone = null;
  if (contender === 'simulator') {
    window.addEventListener('message', (e) => {
      if (e.source === host && e.origin === hostOrigin && e.data && e.data.benchResetDone && resetDone) {
        const done = resetDone;
        resetDone = null;
        done(e.data.error);
      }
    });
  }
  function reset() {
    return new Promise((resolve, reject) => {
      resetDone = (error) => (error ? reject(new Error(`simulator reset: ${error}`)) : resolve());
      host.postMessage({ benchReset: true }, hostOrigin);
    });
  }

  window.bench = {
    contender,
    /** Whether this frame has the fine-grained timers of a cross-origin isolated context. */
    isolated: () => self.crossOriginIsolated === true,
    /** One round trip (bench/split.mjs times its parts). */
    call: () => adapter.call(),
    /** n sequential getChannel round trips; returns each one's time in µs. */
    async rtt(n) {
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const t0 = now();
        const r = await adapter.call();
        out[i] = (now() - t0) * 1000;
        if (!r || !r.channel || !r.channel.workitems || r.channel.workitems.length !== 2) {
          throw new Error(contender + ': bad round-trip result');
        }
      }
      return out;
    },
    /** n sequential round trips over the mix (cycling through it from its start); µs each. */
    async mix(n) {
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const [m, a] = MIX[i % MIX.length];
        const t0 = now();
        const r = await adapter.request(m, a);
        out[i] = (now() - t0) * 1000;
        check(m, r);
      }
      return out;
    },
    /**
     * The simulator section: n rounds of the mix, its seven requests sent at once (answered in
     * order by the model); the simulator's model is reset between rounds, outside the time
     * taken. Resolves with the requests made and the ms from each round's first request to its
     * last answer, summed.
     */
    async simRounds(n) {
      let ms = 0;
      for (let r = 0; r < n; r++) {
        const t0 = now();
        const results = await Promise.all(MIX.map(([m, a]) => adapter.request(m, a)));
        ms += now() - t0;
        results.forEach((res, i) => check(MIX[i][0], res));
        await reset();
      }
      return { requests: n * MIX.length, ms };
    },
    /**
     * Arms the counter for n events; resolves with the rate between the first and the n-th, or,
     * when events stop coming (none for 3 s), with what arrived (count < n: events were lost).
     * In order: each event's `seq` follows the last one's, or, with `pattern` (event names), the
     * events' names repeat the pattern. n = 0 with a pattern of null records the names of what
     * arrives until 500 ms pass without an event (to learn a scenario's pattern).
     */
    expect(n, pattern) {
      let count = 0, first = 0, inOrder = true, last = -1, watchdog = 0;
      const names = [];
      window.benchEvents = new Promise((resolve) => {
        const giveUp = () => {
          adapter.onEvent(() => {});
          if (n === 0) resolve({ count, names });
          else resolve({ count, ms: now() - first, inOrder: false, perSecond: 0, lost: n - count });
        };
        watchdog = setTimeout(giveUp, n === 0 ? 2000 : 10000);
        adapter.onEvent((d) => {
          if (count === 0) first = now();
          if (n === 0) {
            names.push(d && d.event);
            count++;
            clearTimeout(watchdog);
            watchdog = setTimeout(giveUp, 500);
            return;
          }
          if (pattern) {
            if (!d || d.event !== pattern[count % pattern.length]) inOrder = false;
          } else {
            const seq = d && typeof d.seq === 'number' ? d.seq : -1;
            if (seq !== last + 1) inOrder = false;
            last = seq;
          }
          if (++count === n) {
            clearTimeout(watchdog);
            const ms = now() - first;
            adapter.onEvent(() => {});
            resolve({ count, ms, inOrder, perSecond: ((n - 1) / ms) * 1000 });
          } else if ((count & 1023) === 0) {
            clearTimeout(watchdog);
            watchdog = setTimeout(giveUp, 3000);
          }
        });
      });
      return true;
    },
    events() { return window.benchEvents; },
    /** JS heap (precise with --enable-precise-memory-info) and wasm linear memory, after a GC. */
    memory() {
      if (typeof gc === 'function') gc();
      const wasmMeasured = !!(adapter.lib && typeof adapter.lib.wasmMemoryBytes === 'function');
      const wasm = wasmMeasured ? adapter.lib.wasmMemoryBytes() : 0;
      return { jsHeap: performance.memory ? performance.memory.usedJSHeapSize : 0, wasm, wasmMeasured };
    },
  };

  adapter.ready.then(
    () => host.postMessage({ benchReady: contender }, '*'),
    (e) => host.postMessage({ benchFailed: contender, message: String(e && e.message) }, '*'),
  );
})();
