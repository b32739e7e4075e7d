// The demo's gadget side: a simulated b+s Connects gadget (the wasm simulator, ES-module build)
// hosting the custom integration frame, with controls for a person to drive it and a log of
// every message. No framework: state comes from `sim.state()`, redrawn after each log entry.
import { create } from 'gadget-simulator';
// The shipped scenario scripts (scenarios/*.json), in the order the picker lists them.
import incomingWithWrapup from '../scenarios/incoming-with-wrapup.json';
import incomingWithoutWrapup from '../scenarios/incoming-without-wrapup.json';
import outgoing from '../scenarios/outgoing.json';
import consultAndTransfer from '../scenarios/consult-and-transfer.json';
import conference from '../scenarios/conference.json';
import rona from '../scenarios/rona.json';
import callRecovery from '../scenarios/call-recovery-at-login.json';
import gadgetReload from '../scenarios/gadget-reload.json';
import queueStatistics from '../scenarios/queue-statistics.json';

const SCENARIOS = {
  'incoming-with-wrapup': incomingWithWrapup,
  'incoming-without-wrapup': incomingWithoutWrapup,
  outgoing,
  'consult-and-transfer': consultAndTransfer,
  conference,
  rona,
  'call-recovery-at-login': callRecovery,
  'gadget-reload': gadgetReload,
  'queue-statistics': queueStatistics,
};

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

async function main() {
  let sim = null;
  let sentEvents = 0; // events the gadget posted to the integration since the simulator started
  let scenarioNote = '';

  // The integration frame: same origin by default; ?frameOrigin=http://localhost:8081 serves it
  // from another origin (the real topology of a CRM page beside the gadget).
  const dir = location.pathname.replace(/[^/]*$/, '');
  const frameOrigin = params.get('frameOrigin');
  const url = frameOrigin
    ? `${frameOrigin}${dir}integration.html?gadgetOrigin=${encodeURIComponent(location.origin)}`
    : `${dir}integration.html`;
  $('frame-url').textContent = new URL(url, location.href).href;

  // (Re)creates the simulator with `options` and a fresh integration frame: a scenario starts
  // from the set-up it was written for.
  async function startSimulator(options = {}) {
    if (sim) sim.destroy();
    $('frame-box').textContent = '';
    $('log').textContent = '';
    sentEvents = 0;
    sim = await create(options);
    window.sim = sim; // handy in the console and for tests
    sim.onLog((entry) => {
      if (entry.kind === 'event' && entry.direction === 'out' && entry.conn !== null) sentEvents++;
      logRow(entry);
      render();
    });
    const iframe = sim.createFrame($('frame-box'), url);
    iframe.title = 'Custom integration';
    iframe.id = 'integration';
  }

  let selected = null; // the work item the call controls act on (null: the newest)
  let scheduled = false;
  const render = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; if (sim) draw(sim.state()); });
  };

  function draw(st) {
    const a = st.agent;
    $('agent').textContent = `${a.firstName} ${a.lastName} · ext ${a.extension} · ${st.channels.map((c) => c.id).join(', ')}`;
    const ch = st.channels[0];
    const badge = $('agent-state');
    badge.textContent = ch.state + (ch.reasonCodeLabel ? ` · ${ch.reasonCodeLabel}` : '');
    badge.className = `state s-${ch.state}`;
    $('host').textContent = `host ${st.hostId} · ${st.connections.length} connected`;

    const kind = $('state').value;
    const codes = kind === 'Ready' ? [] : st.reasonCodes[kind] || [];
    fill($('reason'), [{ id: '', label: '(no reason)' }, ...codes], (r) => [r.id, r.id ? `${r.id} · ${r.label}` : r.label]);
    const wrapups = [...st.reasonCodes.Wrapup.map((r) => r.label)];
    if (ch.customWrapupReason) wrapups.push(ch.customWrapupReason);
    fill($('wrapup-reason'), wrapups, (l) => [l, l]);

    const list = $('calls');
    list.textContent = '';
    if (!st.workitems.length) {
      list.innerHTML = '<li class="muted small">No calls.</li>';
      selected = null;
    }
    if (selected && !st.workitems.some((w) => w.id === selected)) selected = null;
    const current = selected || st.workitems.at(-1)?.id;
    for (const w of st.workitems) {
      const li = document.createElement('li');
      li.className = w.id === current ? 'sel' : '';
      li.dataset.id = w.id;
      const vars = Object.entries(w.ctiData).filter(([k, v]) => v && /^(callVariable|user\.|wrapUpReason)/.test(k));
      li.innerHTML = `<div><b></b> <span class="state s-${w.state}"></span></div><div class="muted small"></div>`;
      li.querySelector('b').textContent = `${w.direction === 'Incoming' ? '↘' : '↗'} ${w.ani}`;
      li.querySelector('.state').textContent = w.state;
      li.querySelector('.muted').textContent = `#${w.id} · ${w.classification}` + vars.map(([k, v]) => ` · ${k}=${v}`).join('');
      li.addEventListener('click', () => { selected = w.id; render(); });
      list.appendChild(li);
    }
    const item = st.workitems.find((w) => w.id === current);
    const s = item?.state;
    $('answer').disabled = !(s === 'Offered' || s === 'Initiated');
    $('hold').disabled = s !== 'Active';
    $('resume').disabled = s !== 'Paused';
    $('hangup').disabled = !(s === 'Offered' || s === 'Initiated' || s === 'Active' || s === 'Paused');
    $('end-wrapup').disabled = s !== 'Wrapup';
    $('set-var').disabled = !item;
    $('set-wrapup').disabled = !item;
    $('wrapup-enabled').checked = ch.wrapup;
    drawStatistics(st);
    drawPlayback(st);
  }

  function drawStatistics(st) {
    $('stats').hidden = !st.queues && !st.team;
    const rows = $('queues');
    rows.textContent = '';
    for (const q of st.queues || []) {
      const s = q.statistics;
      const tr = document.createElement('tr');
      const talking = s.agentsTalkingInbound + s.agentsTalkingOutbound + s.agentsTalkingInternal;
      for (const c of [q.name, s.callsInQueue, s.agentsReady, talking, s.agentsWrapUpReady + s.agentsWrapUpNotReady]) {
        const td = document.createElement('td');
        td.textContent = c;
        tr.appendChild(td);
      }
      const level = document.createElement('td');
      level.innerHTML = '<span class="level"></span>';
      level.firstChild.textContent = q.escalationLevel;
      level.firstChild.classList.add(`l-${q.escalationLevel}`);
      tr.appendChild(level);
      rows.appendChild(tr);
    }
    const team = $('team');
    team.textContent = '';
    for (const a of st.team || []) {
      const li = document.createElement('li');
      li.innerHTML = '<span></span> <span class="state"></span>';
      li.firstChild.textContent = `${a.firstName} ${a.lastName}`;
      li.lastChild.textContent = a.state + (a.reasonCodeLabel ? ` · ${a.reasonCodeLabel}` : '');
      li.lastChild.classList.add(`s-${a.state}`);
      team.appendChild(li);
    }
  }

  function drawPlayback(st) {
    const sc = SCENARIOS[$('scenario').value];
    const p = st.playback;
    if (p) scenarioNote = `step ${p.played} of ${p.total}${p.note ? ` · ${p.note}` : ''}`;
    $('scenario-status').textContent = scenarioNote;
    $('scenario-events').textContent = sc && sc.events ? `events sent: ${sentEvents} of ${sc.events.length} expected` : '';
    $('play').disabled = !!p;
    $('stop').disabled = !p;
  }

  function fill(select, items, pair) {
    const keep = select.value;
    const sig = JSON.stringify(items);
    if (select.dataset.sig === sig) return;
    select.dataset.sig = sig;
    select.textContent = '';
    for (const it of items) {
      const [value, label] = pair(it);
      select.add(new Option(label, value));
    }
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  }

  function logRow(e) {
    const tr = document.createElement('tr');
    tr.className = `${e.direction} ${e.note ? 'noted' : ''}`;
    const cells = [e.seq, e.time.slice(11, 23), e.direction === 'in' ? '→ gadget' : '← gadget', e.summary, e.note];
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.appendChild(td);
    }
    tr.title = JSON.stringify(e.message, null, 2);
    const body = $('log');
    body.prepend(tr);
    while (body.children.length > 300) body.lastChild.remove();
  }

  // Every action reports a refusal in the log area instead of an uncaught exception.
  const act = (fn) => () => {
    try { fn(); } catch (e) { logRow({ seq: '!', time: new Date().toISOString(), direction: 'out', summary: `${e.code || 'ERROR'}: ${e.message}`, note: 'refused by the gadget' }); }
    render();
  };
  const target = () => selected || undefined;

  $('state').addEventListener('change', render);
  $('set-state').addEventListener('click', act(() => sim.setAgentState($('state').value, $('reason').value || undefined)));
  $('incoming').addEventListener('click', act(() => {
    selected = sim.incomingCall({ ani: $('ani').value, dnis: $('dnis').value, callVariables: { callVariable1: $('cv1').value }, queueName: 'Support', queueNumber: '8001' });
  }));
  $('answer').addEventListener('click', act(() => sim.answer(target())));
  $('hold').addEventListener('click', act(() => sim.hold(target())));
  $('resume').addEventListener('click', act(() => sim.resume(target())));
  $('hangup').addEventListener('click', act(() => sim.hangUp(target())));
  $('end-wrapup').addEventListener('click', act(() => sim.endWrapup(target())));
  $('set-var').addEventListener('click', act(() => sim.setCallVariable(target(), $('var-name').value, $('var-value').value)));
  $('set-wrapup').addEventListener('click', act(() => sim.setWrapupReason(target(), $('wrapup-reason').value)));
  $('wrapup-enabled').addEventListener('change', act(() => sim.setWrapupEnabled($('wrapup-enabled').checked)));
  $('fail-next').addEventListener('click', act(() => sim.failNext($('fail-method').value || undefined, { code: 'REQUEST_FAILED' })));
  $('raise-error').addEventListener('click', act(() => sim.raiseError($('error-message').value)));
  $('reload').addEventListener('click', act(() => sim.reload()));
  $('clear-log').addEventListener('click', () => { sim.clearLog(); $('log').textContent = ''; });

  // The scenario picker: each scenario runs on a fresh simulator created with its options.
  for (const [key, sc] of Object.entries(SCENARIOS)) $('scenario').add(new Option(sc.name, key));
  const describe = () => {
    const sc = SCENARIOS[$('scenario').value];
    $('scenario-desc').textContent = sc.description;
    const order = (sc.events || []).map((e) => e.replace(/:(.+)$/, '($1)')).join(' → ');
    $('scenario-order').textContent = order;
    $('scenario-order-head').textContent = `the ${(sc.events || []).length} events it sends, in order`;
    render();
  };
  $('scenario').addEventListener('change', describe);
  const speed = Number(params.get('speed')) || 1;
  async function playScenario() {
    const sc = SCENARIOS[$('scenario').value];
    $('play').disabled = true;
    scenarioNote = 'starting…';
    try {
      await startSimulator(sc.options || {});
      for (let i = 0; i < 200 && !sim.state().connections.length; i++) await new Promise((r) => setTimeout(r, 50));
      const done = sim.play(sc, { speed });
      render();
      const r = await done;
      scenarioNote = r.stopped ? `stopped after ${r.played} of ${r.played + r.left} steps` : `finished: ${r.played} steps played`;
    } catch (e) {
      scenarioNote = `${e.code || 'ERROR'}: ${e.message}`;
    }
    render();
  }
  $('play').addEventListener('click', playScenario);
  $('stop').addEventListener('click', act(() => sim.stop()));
  if (params.get('scenario') && SCENARIOS[params.get('scenario')]) $('scenario').value = params.get('scenario');

  await startSimulator();
  describe();
  document.body.dataset.ready = 'true';
  if (params.has('play')) playScenario();
}

main().catch((e) => {
  document.body.insertAdjacentHTML('afterbegin', '<div class="fatal"></div>');
  document.querySelector('.fatal').textContent = `The simulator could not start: ${e.message || e}`;
  console.error(e);
});
