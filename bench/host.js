// The host side of the benchmark (the page that plays the gadget), one host per contender.
//
// Every client contender is answered by a bare host that does no work of its own: raw-window
// and raw-port by a few lines here, Penpal by Penpal's own host, and cil by a gadget written
// from PROTOCOL.md in plain JS (tests/fixtures/protocol-host.js: handshake, origin and source
// checks, request → response, events on the port). All four answer each method with the same
// precomputed payload, so the benchmark measures the four client libraries on equal terms.
//
// The payloads come from the project's simulator: at start-up it is put into a realistic state
// (agent Ready, an incoming call answered, then a consultation dialled: getChannel('voice') is a
// channel with two work items) and the hosts answer getChannel with exactly that object,
// getReasonCodeList with its NotReady list, isUpdateWorkitemDataEnabled with true and the four
// methods without a value with null. Events are a workitemCreate built from the first work item
// (plus `seq`, so the frame can check order), the same object for every contender.
//
// The simulator itself is measured apart (`simulator`, not compared with the clients): a fresh
// simulator per load, answering every request through its model; `simSetup()` puts it in the
// state where each request of the mix (bench/mix.js) succeeds, the frame asks for `reset` (a
// window message) between rounds, and `scenario(n)` plays n calls through its scripting API.
//
// The orchestrator (bench/run.mjs) awaits `benchHost.ready`, then calls `benchHost.load(name)` to
// create a fresh integration frame on the other origin and time it to ready, and
// `benchHost.blast(name, n)` to push n events.
(function () {
  'use strict';
  const childOrigin = new URLSearchParams(location.search).get('child');
  const MIX = window.BENCH_MIX;
  let payloads = null; // method → the result every host answers with
  let eventData = null; // the workitemCreate payload, shared by every host
  const frames = {}; // name -> { iframe, win, port?, remote?, host?, sim?, destroy? }
  const readyWaiters = new Map(); // window -> resolve

  // Bench-internal readiness reports from the frames.
  window.addEventListener('message', (e) => {
    const w = readyWaiters.get(e.source);
    if (w && e.data && (e.data.benchReady || e.data.benchFailed)) {
      readyWaiters.delete(e.source);
      w(e.data);
    }
  });

  // raw-window: echo host on the window, origin and source checked. A request names its method
  // (`m`; none: getChannel, the single-request figure's message is {t, id} as it always was).
  window.addEventListener('message', (e) => {
    const f = frames['raw-window'];
    if (!f || e.source !== f.win || e.origin !== childOrigin || !e.data) return;
    if (e.data.t === 'hello') f.win.postMessage({ t: 'hi' }, childOrigin);
    else if (e.data.t === 'req') f.win.postMessage({ t: 'res', id: e.data.id, result: payloads[e.data.m || 'getChannel'] }, childOrigin);
  });

  // raw-port: the frame hands over a port in one message; everything else goes over the port.
  window.addEventListener('message', (e) => {
    const f = frames['raw-port'];
    if (!f || e.source !== f.win || e.origin !== childOrigin || !e.data || e.data.t !== 'port') return;
    const port = e.ports[0];
    f.port = port;
    port.onmessage = (m) => { if (m.data.t === 'req') port.postMessage({ t: 'res', id: m.data.id, result: payloads[m.data.m || 'getChannel'] }); };
    port.postMessage({ t: 'hi' });
    f.destroy = () => port.close();
  });

  // The simulator frame asks for the model to be reset between rounds of the mix.
  window.addEventListener('message', (e) => {
    const f = frames.simulator;
    if (!f || e.source !== f.win || e.origin !== childOrigin || !e.data || e.data.benchReset !== true) return;
    let error = '';
    try { resetRound(f.sim); } catch (err) { error = String(err && err.message); }
    f.win.postMessage({ benchResetDone: true, error }, childOrigin);
  });

  // Simulator set-up: a voice channel with wrap-up and a chat channel, agent Ready, no log.
  const SIM_OPTIONS = {
    allowedOrigins: [childOrigin], initialState: 'Ready', logLimit: 0,
    channels: [{ id: 'voice_5075' }, { id: MIX.chatId, type: 'Chat' }],
  };
  const CALL = {
    ani: '+41315551234', dnis: '8001', queueName: 'Sales', queueNumber: '5000',
    callVariables: { callVariable1: 'CUST-4711', callVariable2: 'gold' }, ecc: { eccVar1: 'order-99' },
    associatedParticipant: { id: 'C-1001', name: 'Alex Customer', recordType: 'contact' },
    participantLookupResult: [{ id: 'C-1001', name: 'Alex Customer', recordType: 'contact' }],
  };

  // The values the mix changes, put back so that each round's requests change them again (and
  // raise their events).
  function resetValues(sim) {
    sim.setCallVariable(MIX.callId, 'callVariable1', 'reset');
    sim.setCallVariable(MIX.callId, 'user.eccVar1', 'reset');
    sim.setWrapupReason(MIX.callId, 'Sale');
  }
  // After a round: the consultation it dialled ends, the customer call is resumed, the agent is
  // Ready on chat again.
  function resetRound(sim) {
    sim.hangUp(); // the newest live item: the consultation
    sim.resume(MIX.callId);
    sim.setAgentState('Ready', null, MIX.chatId);
    resetValues(sim);
  }

  const servers = {
    'raw-window': () => {},
    'raw-port': () => {},
    penpal(f) {
      const methods = {};
      for (const m of Object.keys(payloads)) methods[m] = () => payloads[m];
      const conn = Penpal.connect({
        messenger: new Penpal.WindowMessenger({ remoteWindow: f.win, allowedOrigins: [childOrigin] }),
        methods,
      });
      f.destroy = () => conn.destroy();
      conn.promise.then((remote) => { f.remote = remote; }, () => {});
    },
    cil(f) {
      f.host = ProtocolHost.start({ frame: f.iframe, allowedOrigins: [childOrigin], results: payloads });
      f.destroy = () => f.host.close();
    },
    simulator(f, sim) {
      f.sim = sim;
      sim.attach(f.iframe, childOrigin);
      f.destroy = () => sim.destroy();
    },
  };
  // Made before the frame exists (and outside the time to ready).
  const prepare = {
    simulator: () => GadgetSimulator.create(SIM_OPTIONS),
  };

  async function setup() {
    // logLimit 0 and no onLog listener: the simulator builds no log entries.
    const sim = await GadgetSimulator.create({ allowedOrigins: [childOrigin], initialState: 'Ready', logLimit: 0 });
    const id = sim.incomingCall(CALL);
    sim.answer(id);
    sim.dial('+41315559876'); // consultation: the customer call is held, a second work item
    const channel = sim.getChannel('voice');
    if (!channel || !channel.channel || channel.channel.workitems.length !== 2) {
      throw new Error('bench: the simulator did not produce a channel with two work items');
    }
    const reasons = sim.state().reasonCodes.NotReady;
    sim.destroy();
    payloads = {
      dialOrConsult: null,
      getChannel: channel,
      getReasonCodeList: reasons,
      isUpdateWorkitemDataEnabled: true,
      setAgentState: null,
      setWrapupReason: null,
      updateWorkitemData: null,
    };
    eventData = Object.assign({ event: 'workitemCreate', version: '2.7', requestId: '' }, channel.channel.workitems[0], { seq: 0 });
    return {
      getChannelBytes: JSON.stringify(channel).length,
      reasonCodesBytes: JSON.stringify(reasons).length,
      reasonCodes: reasons.length,
      eventBytes: JSON.stringify(eventData).length,
      workitems: channel.channel.workitems.length,
    };
  }

  window.benchHost = {
    /** Settles when the payloads are ready; resolves with their JSON sizes. */
    ready: setup(),
    /** The payloads every host answers with, by method (for the frames to compare against). */
    payloads() { return payloads; },
    /** Creates a fresh frame for `name`, resolves with the ms from creation to the frame's ready report. */
    async load(name) {
      this.remove(name);
      const made = prepare[name] ? await prepare[name]() : undefined;
      const iframe = document.createElement('iframe');
      iframe.src = `${childOrigin}/bench/child-${name}.html?host=${encodeURIComponent(location.origin)}`;
      iframe.name = name;
      // Delegates cross-origin isolation (the page has COOP/COEP): 5 µs timers in the frame too.
      iframe.allow = 'cross-origin-isolated';
      const t0 = performance.now();
      document.body.appendChild(iframe);
      const f = (frames[name] = { iframe, win: iframe.contentWindow });
      const done = new Promise((resolve) => readyWaiters.set(f.win, resolve));
      servers[name](f, made);
      const report = await done;
      if (report.benchFailed) throw new Error(`${name} failed to get ready: ${report.message}`);
      return performance.now() - t0;
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
      } else if (name === 'cil') {
        for (let i = 0; i < n; i++) {
          data.seq = i;
          if (f.host.emit('workitemCreate', data) !== 1) throw new Error('cil: the protocol host has no connection');
        }
      } else {
        throw new Error(`blast: ${name} is not a client contender`);
      }
      return true;
    },
    /** The simulator section: the state where every request of the mix succeeds (see bench/mix.js). */
    simSetup() {
      const sim = frames.simulator.sim;
      sim.incomingCall(Object.assign({ id: MIX.callId }, CALL));
      sim.answer(MIX.callId);
      resetValues(sim);
      return sim.state().workitems.length;
    },
    /**
     * The simulator section: plays n calls through the simulator's scripting API (each: incoming,
     * answered, held, resumed, a call variable edited, a wrap-up reason picked, hung up, wrap-up
     * ended); resolves with the ms it took here and the work items left (0: nothing piles up).
     */
    scenario(n) {
      const sim = frames.simulator.sim;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const id = sim.incomingCall(CALL);
        sim.answer(id);
        sim.hold(id);
        sim.resume(id);
        sim.setCallVariable(id, 'callVariable3', `note ${i}`);
        sim.setWrapupReason(id, i % 2 ? 'Sale' : 'Documentation');
        sim.hangUp(id);
        sim.endWrapup(id);
      }
      return { ms: performance.now() - t0, left: sim.state().workitems.length };
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
