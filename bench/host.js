// The host side of the benchmark (the page that plays the gadget), one server per contender.
//
// The payloads come from the project's simulator: at start-up it is put into a realistic state
// (agent Ready, an incoming call answered, then a consultation dialled: getChannel('voice') is a
// channel with two work items), and the raw and Penpal hosts answer with exactly the object the
// simulator's getChannel returns. Events are a workitemCreate built from the first work item
// (plus `seq`, so the frame can check order), the same object for every contender.
//
// The orchestrator (bench/run.mjs) awaits `benchHost.ready`, then calls `benchHost.load(name)` to
// create a fresh integration frame on the other origin and time it to ready, and
// `benchHost.blast(name, n)` to push n events.
(function () {
  'use strict';
  const childOrigin = new URLSearchParams(location.search).get('child');
  let sim = null; // the cil contender's host: one simulator for the page, like a real gadget
  let channel = null; // the getChannel payload, shared by every host
  let eventData = null; // the workitemCreate payload, shared by every host
  const frames = {}; // name -> { iframe, win, port?, remote?, destroy? }
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
    f.destroy = () => port.close();
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
      conn.promise.then((remote) => { f.remote = remote; }, () => {});
    },
    cil(f) {
      sim.attach(f.iframe, childOrigin);
      f.destroy = () => sim.detach(f.iframe);
    },
  };

  async function setup() {
    // logLimit 0 and no onLog listener: the simulator builds no log entries (a bench measures
    // the wire, not the demo's message log).
    sim = await GadgetSimulator.create({ allowedOrigins: [childOrigin], initialState: 'Ready', logLimit: 0 });
    const id = sim.incomingCall({
      ani: '+41315551234', dnis: '8001', queueName: 'Sales', queueNumber: '5000',
      callVariables: { callVariable1: 'CUST-4711', callVariable2: 'gold' }, ecc: { eccVar1: 'order-99' },
      associatedParticipant: { id: 'C-1001', name: 'Alex Customer', recordType: 'contact' },
      participantLookupResult: [{ id: 'C-1001', name: 'Alex Customer', recordType: 'contact' }],
    });
    sim.answer(id);
    sim.dial('+41315559876'); // consultation: the customer call is held, a second work item
    channel = sim.getChannel('voice');
    if (!channel || !channel.channel || channel.channel.workitems.length !== 2) {
      throw new Error('bench: the simulator did not produce a channel with two work items');
    }
    eventData = Object.assign({ event: 'workitemCreate', version: '2.7', requestId: '' }, channel.channel.workitems[0], { seq: 0 });
    return {
      getChannelBytes: JSON.stringify(channel).length,
      eventBytes: JSON.stringify(eventData).length,
      workitems: channel.channel.workitems.length,
    };
  }

  window.benchHost = {
    /** Settles when the payloads are ready; resolves with their JSON sizes. */
    ready: setup(),
    /** The getChannel payload every host answers with (for the frames to compare against). */
    payload() { return channel; },
    /** Creates a fresh frame for `name`, resolves with the ms from creation to the frame's ready report. */
    load(name) {
      this.remove(name);
      const iframe = document.createElement('iframe');
      iframe.src = `${childOrigin}/bench/child-${name}.html?host=${encodeURIComponent(location.origin)}`;
      iframe.name = name;
      // Delegates cross-origin isolation (the page has COOP/COEP): 5 µs timers in the frame too.
      iframe.allow = 'cross-origin-isolated';
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
    /** Sends n workitemCreate events to `name`'s frame, each with its sequence number. */
    blast(name, n) {
      const f = frames[name];
      const data = eventData;
      if (name === 'raw-window') {
        for (let i = 0; i < n; i++) { data.seq = i; f.win.postMessage({ t: 'ev', data }, childOrigin); }
      } else if (name === 'raw-port') {
        for (let i = 0; i < n; i++) { data.seq = i; f.port.postMessage({ t: 'ev', data }); }
      } else if (name === 'penpal') {
        for (let i = 0; i < n; i++) { data.seq = i; f.remote.event(data); }
      } else {
        for (let i = 0; i < n; i++) {
          data.seq = i;
          if (sim.sendEvent('workitemCreate', data) !== 1) throw new Error('cil: sendEvent reached no connection');
        }
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
