// End-to-end test of the demo (issue 5): a person's click path through the built demo page —
// the simulated gadget (wasm, bundled by webpack) hosting the custom integration frame, which
// loads the real drop-in client /dist/cil.js — asserting the integration received exactly the
// expected events, in order, with the reference's field names.
//
// Needs the build (`npm run build`: dist/ and www/dist/). Run: node --test tests/e2e/demo.test.mjs
// DEMO_SCREENSHOT=docs/demo.png also writes the README screenshot (taken mid-call).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers, launchBrowser, ROOT } from './harness.mjs';

const BUILT = path.join(ROOT, 'www', 'dist', 'index.html');

// Field sets of the 2.7 reference (spec/api-reference-2.7.txt).
const AGENT_STATE_FIELDS = ['event', 'version', 'requestId', 'channelType', 'channelId', 'newState',
  'newReasonCode', 'newReasonCodeLabel', 'newStateChangeTime', 'oldState', 'oldReasonCode',
  'oldReasonCodeLabel', 'oldStateChangeTime'].sort();
const WORKITEM_FIELDS = ['event', 'version', 'requestId', 'activity', 'agentId', 'ani', 'associatedParticipant',
  'associations', 'capabilities', 'channelId', 'channelType', 'classification', 'connectedAt', 'ctiData',
  'direction', 'id', 'participants', 'participantLookupResult', 'state'];
const WORKITEM_REQUIRED = ['event', 'version', 'requestId', 'agentId', 'ani', 'associations', 'capabilities',
  'channelId', 'channelType', 'classification', 'ctiData', 'direction', 'id', 'participants',
  'participantLookupResult', 'state'];
const CTI_FIELDS = ['callKeyCallId', 'callKeyPrefix', 'callType', 'dialedNumber', 'DNIS', 'mediaId',
  'outboundClassification', 'queueName', 'queueNumber', 'wrapUpReason',
  ...Array.from({ length: 10 }, (_, i) => `callVariable${i + 1}`)];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let servers;
let browser;

before(async () => {
  assert.ok(fs.existsSync(BUILT), `the demo is not built (${BUILT} missing): run npm run build first`);
  servers = await startServers();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

/** Opens the demo; returns the page and the integration frame once both are ready. */
async function openDemo(query = '') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${servers.originA}/www/dist/index.html${query}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  const handle = await page.waitForSelector('#integration');
  const frame = await handle.contentFrame();
  await frame.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  return { page, frame, problems };
}

/** Waits until the frame has received `count` events, then a little longer to catch extras. */
async function eventsAfter(frame, count) {
  await frame.waitForFunction((n) => window.__events.length >= n, count, { timeout: 5000 }).catch(() => {});
  await new Promise((r) => setTimeout(r, 150));
  return frame.evaluate(() => window.__events);
}

/** Sends a request from the integration's form and waits for its result line. */
async function request(frame, method, fields = {}) {
  for (const [name, value] of Object.entries(fields)) {
    const selector = `form[data-method=${method}] [name=${name}]`;
    const tag = await frame.$eval(selector, (el) => el.tagName);
    if (tag === 'SELECT') await frame.selectOption(selector, value);
    else await frame.fill(selector, value);
  }
  const before = await frame.textContent('#result');
  await frame.click(`form[data-method=${method}] button`);
  await frame.waitForFunction((b) => {
    const t = document.getElementById('result').textContent;
    return t !== b && !t.endsWith('…');
  }, before, { timeout: 5000 });
  return frame.textContent('#result');
}

const label = (e) => `${e.name}:${e.data.newState ?? e.data.state ?? ''}`;

function checkAgentState(e) {
  assert.deepEqual(Object.keys(e.data).sort(), AGENT_STATE_FIELDS, 'agentStateChange fields');
  assert.equal(e.data.channelId, 'voice_5075');
  assert.equal(e.data.channelType, 'Voice');
  assert.match(e.data.newStateChangeTime, ISO);
  assert.match(e.data.oldStateChangeTime, ISO);
  assert.equal(typeof e.data.newReasonCode, 'number');
}

function checkWorkitem(e) {
  const keys = Object.keys(e.data);
  for (const k of keys) assert.ok(WORKITEM_FIELDS.includes(k), `${e.name}: unexpected field ${k}`);
  for (const k of WORKITEM_REQUIRED) assert.ok(keys.includes(k), `${e.name}: missing field ${k}`);
  for (const k of Object.keys(e.data.ctiData)) {
    assert.ok(CTI_FIELDS.includes(k) || k.startsWith('user.'), `${e.name}: unexpected ctiData.${k}`);
  }
  assert.equal(e.data.channelId, 'voice_5075');
  assert.equal(e.data.direction, 'Incoming');
  assert.equal(e.data.classification, 'Customer');
  assert.equal(e.data.ani, '+41 44 123 45 67');
  assert.equal(e.data.ctiData.DNIS, '8001');
  assert.equal(e.data.ctiData.callVariable1, 'CUST-1042');
  if (e.data.connectedAt !== undefined) assert.match(e.data.connectedAt, ISO);
}

test('demo walkthrough: the integration receives exactly the documented events', async () => {
  const { page, frame, problems } = await openDemo();
  let expected = 0;
  const step = async (n) => { expected += n; return eventsAfter(frame, expected); };

  await page.selectOption('#state', 'Ready');
  await page.click('#set-state');
  await step(1);
  await page.click('#incoming');
  await step(2);
  await page.click('#answer');
  await step(1);
  await page.click('#hold');
  await step(1);
  await page.click('#resume');
  await step(1);
  const update = await request(frame, 'updateWorkitemData', { updatedData: '{"callVariable2":"case-4711"}' });
  assert.match(update, /updateWorkitemData \(req-1\) → done/);
  await step(1);
  if (process.env.DEMO_SCREENSHOT) {
    await page.screenshot({ path: path.resolve(ROOT, process.env.DEMO_SCREENSHOT) });
  }
  await page.click('#hangup');
  await step(2);
  const wrap = await request(frame, 'setWrapupReason', { wrapUpReason: 'Documentation' });
  assert.match(wrap, /setWrapupReason \(req-2\) → done/);
  await step(1);
  await page.click('#end-wrapup');
  const events = await step(2);

  assert.deepEqual(events.map(label), [
    'agentStateChange:Ready',
    'agentStateChange:Active',
    'workitemCreate:Offered',
    'workitemConnect:Active',
    'workitemPause:Paused',
    'workitemResume:Active',
    'callVariableChanged:Active',
    'workitemWrapup:Wrapup',
    'agentStateChange:Wrapup',
    'wrapupDataChanged:Wrapup',
    'workitemEnd:Ended',
    'agentStateChange:Ready',
  ]);
  for (const e of events) {
    assert.equal(e.data.event, e.name);
    assert.equal(e.data.version, '2.7');
    if (e.name === 'agentStateChange') checkAgentState(e);
    else checkWorkitem(e);
  }
  const [ready, active, create, connect, , , changed, , , wrapupData, end, back] = events;
  assert.equal(ready.data.oldState, 'NotReady');
  assert.equal(active.data.oldState, 'Ready');
  assert.equal(create.data.activity, undefined, 'activity is empty on workitemCreate');
  assert.equal(connect.data.activity.recordType, 'phonecall');
  assert.equal(changed.data.requestId, 'req-1', 'the update request id is echoed');
  assert.equal(changed.data.ctiData.callVariable2, 'case-4711');
  assert.equal(wrapupData.data.requestId, 'req-2');
  assert.equal(wrapupData.data.ctiData.wrapUpReason, 'Documentation');
  assert.equal(end.data.id, create.data.id);
  assert.equal(back.data.oldState, 'Wrapup');
  assert.equal(new Set(events.filter((e) => e.name !== 'agentStateChange').map((e) => e.data.id)).size, 1);
  assert.deepEqual(problems, []);

  // The gadget's own log saw every request and every event.
  const log = await page.evaluate(() => window.sim.log().map((e) => e.summary));
  assert.ok(log.includes('request #1 updateWorkitemData') || log.some((s) => /request #\d+ updateWorkitemData/.test(s)));
  assert.equal(log.filter((s) => s.startsWith('event ')).length, events.length);
  await page.close();
});

test('demo across origins: a failed request rejects and raises error; a reload replays state once', async () => {
  const { page, frame, problems } = await openDemo(`?frameOrigin=${encodeURIComponent(servers.originB)}`);
  assert.equal(new URL(frame.url()).origin, servers.originB);

  await page.selectOption('#fail-method', 'getChannel');
  await page.click('#fail-next');
  const failed = await request(frame, 'getChannel');
  assert.match(failed, /getChannel \(req-1\) ✗ REQUEST_FAILED/);
  let events = await eventsAfter(frame, 1);
  assert.deepEqual(events.map((e) => e.name), ['error']);
  assert.equal(events[0].data.requestId, 'req-1');
  assert.deepEqual(Object.keys(events[0].data).sort(), ['event', 'message', 'requestId', 'version']);
  const ok = await request(frame, 'getChannel');
  assert.match(ok, /"state": "NotReady"/);

  await page.click('#reload');
  events = await eventsAfter(frame, 2);
  assert.deepEqual(events.map(label), ['error:', 'agentStateChange:NotReady'], 'state replayed exactly once');
  const after = await request(frame, 'getReasonCodeList', { reasonType: 'Wrapup' });
  assert.match(after, /Documentation/);
  assert.deepEqual(problems, []);
  await page.close();
});
