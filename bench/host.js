// The host side of the benchmark (the page that plays the gadget), one server per contender.
//
// The orchestrator (bench/run.mjs) calls `benchHost.load(name)` to create a fresh integration frame
// on the other origin and time it to ready, and `benchHost.blast(name, n)` to push n events.
(function () {
  'use strict';
  const childOrigin = new URLSearchParams(location.search).get('child');
  const { channel, workitem } = BENCH_PAYLOAD;
  const frames = {}; // name -> { iframe, win, port?, penpal?, sim? }
  const readyWaiters = new Map(); // window -> resolve

  // Bench-internal readiness reports from the frames.
  window.addEventListener('message', (e) => {
    const w = readyWaiters.get(e.source);
    if (w && e.data && (e.data.benchReady || e.data.benchFailed)) {
      readyWaiters.delete(e.source);
      w(e.data);
    }
  });

  // raw-window: echo host on the window, origin and source checked.
  window.addEventListener('message', (e) => {
    const f = frames['raw-window'];
    if (!f || e.source !== f.win || e.origin !== childOrigin || !e.data) return;
    if (e.data.t === 'hello') f.win.postMessage({ t: 'hi' }, childOrigin);
    else if (e.data.t === 'req') f.win.postMessage({ t: 'res', id: e.data.id, result: channel }, childOrigin);
  });

  // raw-port: the frame hands over a port in one message; everything else goes over the port.
  window.addEventListener('message', (e) => {
    const f = frames['raw-port'];
    if (!f || e.source !== f.win || e.origin !== childOrigin || !e.data || e.data.t !== 'port') return;
    const port = e.ports[0];
    f.port = port;
    port.onmessage = (m) => { if (m.data.t === 'req') port.postMessage({ t: 'res', id: m.data.id, result: channel }); };
    port.postMessage({ t: 'hi' });
  });

  const servers = {
    'raw-window': () => {},
    'raw-port': () => {},
    penpal(f) {
      const conn = Penpal.connect({
        messenger: new Penpal.WindowMessenger({ remoteWindow: f.win, allowedOrigins: [childOrigin] }),
        methods: { getChannel: () => channel },
      });
      f.destroy = () => conn.destroy();
      conn.promise.then((remote) => { f.remote = remote; });
    },
    cil(f) {
      const sim = new GadgetSimulator.Simulator({ allowedOrigins: [childOrigin] });
      sim.attach(f.iframe);
      f.sim = sim;
      f.destroy = () => sim.destroy();
    },
  };

  window.benchHost = {
    /** Creates a fresh frame for `name`, resolves with the ms from creation to the frame's ready report. */
    load(name) {
      this.remove(name);
      const iframe = document.createElement('iframe');
      iframe.src = `${childOrigin}/bench/child-${name}.html?host=${encodeURIComponent(location.origin)}`;
      iframe.name = name;
      const t0 = performance.now();
      document.body.appendChild(iframe);
      const f = (frames[name] = { iframe, win: iframe.contentWindow });
      const done = new Promise((resolve) => readyWaiters.set(f.win, resolve));
      servers[name](f);
      return done.then((report) => {
        if (report.benchFailed) throw new Error(`${name} failed to get ready: ${report.message}`);
        return performance.now() - t0;
      });
    },
    /** Sends n workitemCreate-sized events to `name`'s frame, each with its sequence number. */
    async blast(name, n) {
      const f = frames[name];
      const data = workitem('16777217', '+41315551234', 'Offered', 0);
      if (name === 'raw-window') {
        for (let i = 0; i < n; i++) { data.seq = i; f.win.postMessage({ t: 'ev', data }, childOrigin); }
      } else if (name === 'raw-port') {
        for (let i = 0; i < n; i++) { data.seq = i; f.port.postMessage({ t: 'ev', data }); }
      } else if (name === 'penpal') {
        for (let i = 0; i < n; i++) { data.seq = i; f.remote.event(data); }
      } else {
        for (let i = 0; i < n; i++) { data.seq = i; f.sim.sendEvent('workitemCreate', data); }
      }
      return true;
    },
    remove(name) {
      const f = frames[name];
      if (!f) return;
      if (f.destroy) f.destroy();
      f.iframe.remove();
      delete frames[name];
    },
  };
})();
