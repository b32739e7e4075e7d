// The demo's gadget side: a simulated b+s Connects gadget (the wasm simulator, ES-module build)
// hosting the custom integration frame, with controls for a person to drive it and a log of
// every message. No framework: state comes from `sim.state()`, redrawn after each log entry.
import { create } from 'gadget-simulator';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

async function main() {
  const sim = await create();
  window.sim = sim; // handy in the console and for tests

  // The integration frame: same origin by default; ?frameOrigin=http://localhost:8081 serves it
  // from another origin (the real topology of a CRM page beside the gadget).
  const dir = location.pathname.replace(/[^/]*$/, '');
  const frameOrigin = params.get('frameOrigin');
  const url = frameOrigin
    ? `${frameOrigin}${dir}integration.html?gadgetOrigin=${encodeURIComponent(location.origin)}`
    : `${dir}integration.html`;
  const iframe = sim.createFrame($('frame-box'), url);
  iframe.title = 'Custom integration';
  iframe.id = 'integration';
  $('frame-url').textContent = new URL(url, location.href).href;

  let selected = null; // the work item the call controls act on (null: the newest)
  let scheduled = false;
  const render = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; draw(sim.state()); });
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

  sim.onLog((entry) => { logRow(entry); render(); });
  for (const e of sim.log()) logRow(e);
  render();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.insertAdjacentHTML('afterbegin', '<div class="fatal"></div>');
  document.querySelector('.fatal').textContent = `The simulator could not start: ${e.message || e}`;
  console.error(e);
});
