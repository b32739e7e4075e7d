// Acme CRM's agent desk (../public/) tested inside the simulated b+s Connects gadget with
// connects-cil/testing: the page runs unmodified on its own dev server (../server.mjs, on
// localhost), the gadget on 127.0.0.1; the tests play the contact center's side (calls, hold,
// hang-up, faults, a gadget reload) and check what the agent sees and what the page asked.
//
//   node --test examples/crm-integration/test/
//
// Recording (how docs/testing-kit-*.png and docs/testing-kit-trace.zip were made):
//   KIT_SCREENSHOTS=docs KIT_TRACE=docs/testing-kit-trace.zip node --test examples/crm-integration/test/
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openGadget } from 'connects-cil/testing';
import { startCrmServer } from '../server.mjs';

let browser;
let context;
let page;
let gadget;
let crm;

before(async () => {
  // The system Chromium with the flags a container needs; on a developer machine with
  // Playwright's own browsers, `chromium.launch()` alone does.
  browser = await chromium.launch({
    executablePath: process.env.CIL_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 880, height: 540 } });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
});

afterEach(async () => {
  await gadget?.close();
  await crm?.close();
  await context?.close();
  gadget = undefined;
  crm = undefined;
});

/**
 * Opens the gadget with the agent desk in its frame. The page trusts one gadget origin, set by
 * its dev server's configuration (GADGET_ORIGIN); the simulated gadget gets a free port, so the
 * dev server starts with the gadget's origin once it is known.
 */
async function openDesk(simulatorOptions = {}) {
  gadget = await openGadget(page, {
    ...simulatorOptions,
    integration: async ({ origin }) => {
      crm = await startCrmServer({ gadgetOrigin: origin });
      return `${crm.url}/`;
    },
  });
  await desk().locator('body[data-ready=true]').waitFor({ state: 'attached' });
  return gadget;
}

/** The agent desk (the integration frame). */
const desk = () => gadget.frame;

/** Waits until `selector` in the desk shows exactly `text`; if it does not, says what it shows. */
async function shows(selector, text) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  try {
    await desk().locator(selector, { hasText: exact }).waitFor();
  } catch (e) {
    const now = await desk().locator(selector).textContent().catch(() => null);
    throw new Error(`${selector}: waited for ${JSON.stringify(text)}; it shows ${JSON.stringify(now)}\n${e.message}`);
  }
}

/** A request's arguments, checking that the page tagged it with a requestId of its own. */
function argumentsOf(request) {
  const { requestId, ...params } = request.params;
  assert.match(requestId, /^acme-\d+$/, `${request.method} without the page's requestId`);
  return params;
}

/** The call variables table of the screen pop, as [name, value] rows. */
const callVariables = () => desk().locator('#call-variables tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));

/** Takes `docs/testing-kit-<name>.png` when KIT_SCREENSHOTS names a directory. */
async function screenshot(name) {
  if (process.env.KIT_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.KIT_SCREENSHOTS, `testing-kit-${name}.png`) });
}

const ANNA = { ani: '+41 44 123 45 67', callVariables: { callVariable1: 'CUST-1042', callVariable2: 'Invoice 2026-117' }, ecc: { language: 'de' }, queueName: 'Billing' };

test('an incoming call pops the caller\'s customer record with the call variables, ringing then talking', async () => {
  await openDesk({ initialState: 'Ready' });
  const id = await gadget.incomingCall(ANNA);

  await shows('#customer-name', 'Anna Muster');
  await shows('#call-state', 'Ringing');
  assert.equal(await desk().locator('#customer-company').textContent(), 'Muster Logistik AG');
  assert.equal(await desk().locator('#customer-tier').textContent(), 'Gold');
  assert.equal(await desk().locator('#caller-number').textContent(), '+41 44 123 45 67');
  assert.equal(await desk().locator('#queue').textContent(), 'Billing');
  assert.deepEqual(await callVariables(), [['callVariable1', 'CUST-1042'], ['callVariable2', 'Invoice 2026-117'], ['user.language', 'de']]);
  await shows('#agent-state', 'On a call');
  await screenshot('screen-pop');

  await gadget.answer(id);
  await shows('#call-state', 'Talking');
  assert.equal(await desk().locator('#wrapup').isVisible(), true, 'call notes once the call is answered');

  // A caller the CRM does not know still gets a card.
  await gadget.hangUp(id);
  await gadget.endWrapup(id);
  await shows('#last-call', 'Anna Muster (Ended)');
  await gadget.incomingCall({ ani: '+1 212 555 0100' });
  await shows('#customer-name', 'Unknown caller');
  assert.equal(await desk().locator('#caller-number').textContent(), '+1 212 555 0100');
});

test('the agent-state buttons set the agent state in the gadget; a refused change is shown', async () => {
  await openDesk({ initialState: 'NotReady' });
  await shows('#agent-state', 'Not ready');

  await desk().click('#btn-ready');
  const ready = await gadget.nextRequest('setAgentState');
  assert.deepEqual(argumentsOf(ready), { channelId: 'voice', state: 'Ready', reasonCode: '' });
  await shows('#agent-state', 'Ready');
  assert.equal((await gadget.state()).channels[0].state, 'Ready');

  await desk().selectOption('#not-ready-reason', { label: 'Lunch' });
  await desk().click('#btn-not-ready');
  assert.deepEqual(argumentsOf(await gadget.nextRequest('setAgentState')), { channelId: 'voice', state: 'NotReady', reasonCode: '2' });
  await shows('#agent-state', 'Not ready · Lunch');

  // On a call the gadget refuses Ready, and the agent is told why.
  await gadget.incomingCall(ANNA);
  await gadget.answer();
  await desk().click('#btn-ready');
  const refused = await gadget.responseTo(await gadget.nextRequest('setAgentState'));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'INVALID_STATE_TRANSITION');
  await shows('#alert', `Could not go Ready: ${refused.error.message}`);
  assert.equal((await gadget.state()).channels[0].state, 'Active');
});

test('hold and resume show on the call card', async () => {
  await openDesk({ initialState: 'Ready' });
  const id = await gadget.incomingCall(ANNA);
  await gadget.answer(id);
  await shows('#call-state', 'Talking');

  await gadget.hold(id);
  await shows('#call-state', 'On hold');
  assert.equal(await desk().locator('#customer-name').textContent(), 'Anna Muster');

  await gadget.resume(id);
  await shows('#call-state', 'Talking');
  assert.deepEqual(gadget.events().filter((e) => e.data.id === id).map((e) => e.name),
    ['workitemCreate', 'workitemConnect', 'workitemPause', 'workitemResume']);
});

test('wrap-up: the case number saved to the call, a custom wrap-up reason, wrap-up finished from the page', async () => {
  const trace = process.env.KIT_TRACE;
  // Actions, console and network only: DOM snapshots would carry the simulator's .wasm, and
  // screencast frames 50 KB each (the screenshots beside the trace show the page).
  if (trace) await context.tracing.start({ screenshots: false, snapshots: false, title: 'wrap-up with a custom reason' });
  await openDesk({ initialState: 'Ready' });
  const id = await gadget.incomingCall(ANNA);
  await gadget.answer(id);

  // During the call: the case number goes to callVariable3.
  await desk().fill('#case-number', 'CASE-7781');
  await desk().click('#save-call-data');
  const save = await gadget.nextRequest('updateWorkitemData');
  assert.deepEqual(argumentsOf(save), { channelId: 'voice_5075', workitemId: id, updatedData: { callVariable3: 'CASE-7781' } });
  assert.equal((await gadget.responseTo(save)).ok, true);
  await desk().locator('#call-variables td', { hasText: 'CASE-7781' }).waitFor();

  // The caller hangs up: wrap-up. The agent's own reason, not one from the list.
  await gadget.hangUp(id);
  await shows('#call-state', 'Wrap-up');
  await desk().selectOption('#wrapup-reason', { label: 'Other…' });
  await desk().fill('#wrapup-custom', 'Callback promised');
  await desk().click('#set-wrapup');
  const reason = await gadget.nextRequest('setWrapupReason');
  assert.deepEqual(argumentsOf(reason), { channelId: 'voice_5075', workitemId: id, wrapUpReason: 'Callback promised' });
  await shows('#wrapup-current', 'Callback promised');
  // The gadget lists a custom reason as selected (2.7 reference, setWrapupReason).
  assert.equal((await gadget.state()).channels[0].customWrapupReason, 'Callback promised');
  await screenshot('wrapup');

  await desk().click('#finish-wrapup');
  assert.deepEqual(argumentsOf(await gadget.nextRequest('setAgentState')), { channelId: 'voice', state: 'Ready', reasonCode: '' });
  await shows('#last-call', 'Anna Muster (Ended)');
  await shows('#agent-state', 'Ready');
  const [ended] = gadget.events('workitemEnd');
  assert.equal(ended.data.ctiData.callVariable3, 'CASE-7781');
  assert.equal(ended.data.ctiData.wrapUpReason, 'Callback promised');
  assert.deepEqual((await gadget.state()).workitems, []);
  if (trace) await context.tracing.stop({ path: trace });
});

test('a failed updateWorkitemData is shown to the agent: a CTI failure, then the call on hold', async () => {
  await openDesk({ initialState: 'Ready' });
  const id = await gadget.incomingCall(ANNA);
  await gadget.answer(id);

  await gadget.failNext('updateWorkitemData', { code: 'REQUEST_FAILED', message: 'CTI server unavailable' });
  await desk().fill('#case-number', 'CASE-7782');
  await desk().click('#save-call-data');
  const failed = await gadget.responseTo(await gadget.nextRequest('updateWorkitemData'));
  assert.deepEqual(failed.error, { code: 'REQUEST_FAILED', message: 'CTI server unavailable' });
  await shows('#alert', 'Could not save the case number to the call: CTI server unavailable');
  await screenshot('failed-update');

  // The gadget's own rule: call data can only be updated while the call is Active.
  await gadget.hold(id);
  await desk().click('#save-call-data');
  const onHold = await gadget.responseTo(await gadget.nextRequest('updateWorkitemData'));
  assert.equal(onHold.error.code, 'UPDATE_NOT_ALLOWED');
  await shows('#alert', `Could not save the case number to the call: ${onHold.error.message}`);
  assert.match(onHold.error.message, /Paused/);

  // Resumed, the same save goes through and the alert goes away.
  await gadget.resume(id);
  await desk().click('#save-call-data');
  assert.equal((await gadget.responseTo(await gadget.nextRequest('updateWorkitemData'))).ok, true);
  assert.equal(await desk().locator('#alert').isHidden(), true);
  assert.equal((await gadget.state()).workitems[0].ctiData.callVariable3, 'CASE-7782');
});

test('a gadget reload mid-call: the page says so, reads the channel again and keeps the call', async () => {
  await openDesk({ initialState: 'Ready' });
  const id = await gadget.incomingCall(ANNA);
  await gadget.answer(id);
  await shows('#call-state', 'Talking');
  assert.equal((await gadget.nextRequest('getChannel')).params.channelId, 'voice', 'the page read the channel at start');

  await gadget.reload();
  await shows('#connection', 'Connection to b+s Connects restored');
  assert.equal((await gadget.nextRequest('getChannel')).params.channelId, 'voice', 'the page read the channel again');
  await shows('#customer-name', 'Anna Muster');
  await shows('#call-state', 'Talking');

  // The call goes on through the new connection.
  await gadget.hold(id);
  await shows('#call-state', 'On hold');
  await gadget.resume(id);
  await gadget.hangUp(id);
  await shows('#call-state', 'Wrap-up');
});
