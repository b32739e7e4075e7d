// Acme CRM's agent desk: a screen pop of the caller's customer record with the call variables,
// call notes saved to the call and a wrap-up form, and agent-state buttons. Written against the
// b+s Connects Integration API 2.7 as its reference shows it: `cil.onX(handler)` registrations,
// `cil.initIntegration`, and Promise-returning requests whose failures reject (and also raise
// the `error` event).
'use strict';

// The CRM's customer records (a real page would ask its CRM's API): the IVR puts the customer
// number in callVariable1, else the caller's number finds the record.
const CUSTOMERS = [
  { id: 'CUST-1042', name: 'Anna Muster', company: 'Muster Logistik AG', tier: 'Gold', phone: '+41 44 123 45 67' },
  { id: 'CUST-2001', name: 'Luca Bernasconi', company: 'Ticino Tessili SA', tier: 'Silver', phone: '+41 91 555 01 02' },
];

const $ = (id) => document.getElementById(id);
const VOICE = 'voice';
const AGENT_LABELS = { NotReady: 'Not ready', Active: 'On a call', Wrapup: 'Wrap-up', Logout: 'Logged out' };
const STATE_LABELS = { Offered: 'Ringing', Initiated: 'Dialling', Active: 'Talking', Paused: 'On hold', Wrapup: 'Wrap-up' };

/** The customer call on screen: its work item as the gadget last described it. */
let call = null;

// Every request of this page carries a requestId of its own (the reference's optional last
// argument), so the page can tell its own failures, which it reports where the agent clicked,
// from the errors the gadget raises by itself.
let requests = 0;
const requestId = () => `acme-${++requests}`;
const isOurs = (id) => typeof id === 'string' && id.startsWith('acme-');

function alertAgent(text) {
  $('alert').textContent = text;
  $('alert').hidden = false;
}

function clearAlert() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}

function lookUp(workitem) {
  const number = workitem.ctiData && workitem.ctiData.callVariable1;
  return CUSTOMERS.find((c) => c.id === number) || CUSTOMERS.find((c) => c.phone === workitem.ani) || null;
}

function showAgentState(state, reasonLabel) {
  const label = AGENT_LABELS[state] || state;
  $('agent-state').textContent = state === 'NotReady' && reasonLabel ? `${label} · ${reasonLabel}` : label;
}

/** The screen pop: who is calling, and the call's variables. */
function showCall(workitem) {
  call = workitem;
  const customer = lookUp(workitem);
  $('customer-name').textContent = customer ? customer.name : 'Unknown caller';
  $('customer-id').textContent = customer ? customer.id : '–';
  $('customer-company').textContent = customer ? customer.company : '–';
  $('customer-tier').textContent = customer ? customer.tier : '–';
  $('caller-number').textContent = workitem.ani || '–';
  $('queue').textContent = (workitem.ctiData && workitem.ctiData.queueName) || '–';
  $('call-state').textContent = STATE_LABELS[workitem.state] || workitem.state;
  showCallVariables(workitem.ctiData || {});
  $('screen-pop').hidden = false;
  $('wrapup').hidden = workitem.state === 'Offered' || workitem.state === 'Initiated';
  $('finish-wrapup').hidden = workitem.state !== 'Wrapup';
  $('wrapup-current').textContent = (workitem.ctiData && workitem.ctiData.wrapUpReason) || 'none';
  $('idle').hidden = true;
}

function showCallVariables(ctiData) {
  const rows = Object.entries(ctiData)
    .filter(([name, value]) => value && (/^callVariable\d+$/.test(name) || name.startsWith('user.')))
    .map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`);
  $('call-variables').tBodies[0].innerHTML = rows.join('') || '<tr><td>none</td></tr>';
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function endCall(workitem) {
  const customer = lookUp(workitem);
  $('last-call').textContent = `${customer ? customer.name : workitem.ani} (${workitem.state})`;
  call = null;
  $('screen-pop').hidden = true;
  $('wrapup').hidden = true;
  $('idle').hidden = false;
  $('case-number').value = '';
}

/** Only the customer call is on screen: a consultation leg does not replace it. */
const isCustomerCall = (d) => d.classification !== 'Consultation';

// --- events (the 2.7 reference's registrations) -------------------------------------------------

cil.onAgentStateChange((data) => showAgentState(data.newState, data.newReasonCodeLabel));

cil.onWorkitemCreate((data) => {
  if (isCustomerCall(data)) showCall(data);
});
cil.onWorkitemConnect((data) => {
  if (isCustomerCall(data)) showCall(data);
});
// Every later event of the call on screen refreshes it (events of other work items are not ours).
const refreshCall = (data) => {
  if (call && data.id === call.id) showCall(data);
};
cil.onWorkitemPause(refreshCall);
cil.onWorkitemResume(refreshCall);
cil.onWorkitemWrapup(refreshCall);
cil.onCallVariableChanged(refreshCall);
cil.onWrapupDataChanged(refreshCall);
cil.onWorkitemEnd((data) => {
  if (call && data.id === call.id) endCall(data);
});

// A failed request rejects its Promise, where the page says what failed (below); the error event
// also fires for it, with its requestId. Here only the other errors reach the agent.
cil.onError((error) => {
  if (!isOurs(error.requestId)) alertAgent(`b+s Connects: ${error.message}`);
});

// The gadget may reload: the client reconnects by itself; the page says so, and reads the
// channel again so that what it shows is the gadget's state, not a stale copy.
let lost = false;
cil.onConnectionChange(async ({ connected }) => {
  $('connection').className = connected ? (lost ? 'restored' : 'muted') : 'lost';
  $('connection').textContent = connected
    ? (lost ? 'Connection to b+s Connects restored' : 'Connected to b+s Connects')
    : 'Reconnecting to b+s Connects…';
  if (!connected) {
    lost = true;
  } else if (lost) {
    await refresh();
  }
});

/** Reads the voice channel: the agent's state and any call already on it. */
async function refresh() {
  const { channel } = await cil.getChannel(VOICE, requestId());
  showAgentState(channel.state, channel.reasonCodeLabel);
  const customerCall = (channel.workitems || []).find(isCustomerCall);
  if (customerCall) showCall(customerCall);
}

// --- agent-state buttons --------------------------------------------------------------------------

$('btn-ready').addEventListener('click', async () => {
  clearAlert();
  try {
    await cil.setAgentState(VOICE, 'Ready', '', requestId());
  } catch (e) {
    alertAgent(`Could not go Ready: ${e.message}`);
  }
});

$('btn-not-ready').addEventListener('click', async () => {
  clearAlert();
  try {
    await cil.setAgentState(VOICE, 'NotReady', $('not-ready-reason').value, requestId());
  } catch (e) {
    alertAgent(`Could not go Not ready: ${e.message}`);
  }
});

// --- call notes and wrap-up ----------------------------------------------------------------------

// The case number goes to callVariable3, where the contact center's reporting picks it up.
$('call-data-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearAlert();
  if (!call) return;
  try {
    await cil.updateWorkitemData(call.channelId, call.id, { callVariable3: $('case-number').value }, requestId());
  } catch (e) {
    alertAgent(`Could not save the case number to the call: ${e.message}`);
  }
});

$('wrapup-reason').addEventListener('change', () => {
  $('wrapup-custom-label').hidden = $('wrapup-reason').value !== '';
});

// A reason from the list, or one of the agent's own words (the gadget adds it to its list).
$('wrapup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearAlert();
  if (!call) return;
  const reason = $('wrapup-reason').value || $('wrapup-custom').value.trim();
  if (!reason) {
    alertAgent('Pick a wrap-up reason or type one.');
    return;
  }
  try {
    await cil.setWrapupReason(call.channelId, call.id, reason, requestId());
  } catch (e) {
    alertAgent(`Could not set the wrap-up reason: ${e.message}`);
  }
});

// Ending wrap-up is going Ready (or Not ready) again.
$('finish-wrapup').addEventListener('click', async () => {
  clearAlert();
  try {
    await cil.setAgentState(VOICE, 'Ready', '', requestId());
  } catch (e) {
    alertAgent(`Could not finish wrap-up: ${e.message}`);
  }
});

// --- start ---------------------------------------------------------------------------------------

cil.initIntegration(async () => {
  const [notReady, wrapup] = await Promise.all([
    cil.getReasonCodeList(VOICE, 'NotReady', requestId()),
    cil.getReasonCodeList(VOICE, 'Wrapup', requestId()),
  ]);
  $('not-ready-reason').innerHTML = notReady.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(r.label)}</option>`).join('');
  $('wrapup-reason').innerHTML = wrapup.map((r) => `<option>${escapeHtml(r.label)}</option>`).join('')
    + '<option value="">Other…</option>';
  if (!lost) $('connection').textContent = 'Connected to b+s Connects';
  await refresh();
  document.body.dataset.ready = 'true';
});
