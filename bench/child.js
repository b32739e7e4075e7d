// The integration side of the benchmark: one contender per frame, all driven the same way.
//
// Each adapter offers `ready` (a Promise settled when it can talk to the host), `call()` (one
// request/response round trip returning the getChannel payload) and `onEvent(fn)`. The frame
// reports readiness to its parent with a plain postMessage (the same extra hop for everyone), and
// exposes `window.bench` for the orchestrator (bench/run.mjs) to drive through Playwright.
(function () {
  'use strict';
  const contender = document.currentScript.dataset.contender;
  const hostOrigin = new URLSearchParams(location.search).get('host');
  const host = window.parent;

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
      onEvent(fn) { handler = fn; },
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
      return { ready, call: () => remote.getChannel(), onEvent(fn) { handler = fn; } };
    },
    cil() {
      const lib = new ConnectsIntegrationLibrary({ target: 'parent', allowedOrigins: [hostOrigin] });
      let handler = () => {};
      lib.onWorkitemCreate((d) => handler(d));
      return { ready: lib.initIntegration(), call: () => lib.getChannel('voice'), onEvent(fn) { handler = fn; }, lib };
    },
  };

  const adapter = adapters[contender]();
  const now = () => performance.now();

  window.bench = {
    contender,
    /** Whether this frame has the fine-grained timers of a cross-origin isolated context. */
    isolated: () => self.crossOriginIsolated === true,
    /** One round trip (bench/split.mjs times its parts). */
    call: () => adapter.call(),
    /** n sequential round trips; returns each one's time in µs. */
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
    /**
     * Arms the counter for n events; resolves with the rate between the first and the n-th, or,
     * when events stop coming (none for 3 s), with what arrived (count < n: events were lost).
     */
    expect(n) {
      let count = 0, first = 0, inOrder = true, last = -1, watchdog = 0;
      window.benchEvents = new Promise((resolve) => {
        const giveUp = () => {
          adapter.onEvent(() => {});
          resolve({ count, ms: now() - first, inOrder: false, perSecond: 0, lost: n - count });
        };
        watchdog = setTimeout(giveUp, 10000);
        adapter.onEvent((d) => {
          if (count === 0) first = now();
          const seq = d && typeof d.seq === 'number' ? d.seq : -1;
          if (seq !== last + 1) inOrder = false;
          last = seq;
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
