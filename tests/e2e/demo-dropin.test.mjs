// The drop-in simulator (dist/gadget-simulator.js, no bundler) in a plain page hosting the
// integration frame with the real drop-in client: scripting from page code, the log, and the
// fault hooks the reliability suite builds on (fail, duplicate, delay, drop, reload).
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/demo-dropin.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers, launchBrowser, ROOT } from './harness.mjs';

let servers;
let browser;
let page;
let frame;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'gadget-simulator.js')), 'run npm run build first');
  servers = await startServers();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${servers.originA}/www/dropin.html`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('body[data-ready=true]', { timeout: 15000 });
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

const events = () => frame.evaluate(() => window.__events.map((e) => e.name));
const clearEvents = () => frame.evaluate(() => { window.__events.length = 0; });

test('the drop-in build defines GadgetSimulator and scripts a call', async () => {
  await clearEvents();
  const id = await page.evaluate(() => {
    const id = window.sim.incomingCall({ ani: '+41 44 000 00 00', callVariables: { callVariable3: 'x' } });
    window.sim.answer(id);
    return id;
  });
  await frame.waitForFunction(() => window.__events.length >= 3);
  assert.deepEqual(await events(), ['workitemCreate', 'agentStateChange', 'workitemConnect']);
  const state = await page.evaluate(() => window.sim.state());
  assert.equal(state.workitems[0].id, id);
  assert.equal(state.workitems[0].state, 'Active');
  const err = await page.evaluate(() => { try { window.sim.resume('nope'); } catch (e) { return { name: e.name, code: e.code }; } });
  assert.deepEqual(err, { name: 'SimulatorError', code: 'UNKNOWN_WORKITEM' });
  await page.evaluate(() => { window.sim.hangUp(); window.sim.endWrapup(); });
});

test('fault hooks: duplicate and delayed responses keep every request matched', async () => {
  const result = await frame.evaluate(async () => {
    const sim = window.parent.sim;
    sim.duplicateNextResponse('getChannel');
    const a = await window.cil.getChannel('voice');
    sim.delayNextResponse(300, 'getChannel');
    const order = [];
    await Promise.all([
      window.cil.getChannel('voice').then(() => order.push('getChannel')),
      window.cil.getReasonCodeList('voice', 'NotReady').then(() => order.push('getReasonCodeList')),
    ]);
    const b = await window.cil.getReasonCodeList('voice', 'Logout');
    return { agent: a.agentId, order, logout: b.map((r) => r.label) };
  });
  assert.equal(result.agent, '1001');
  assert.deepEqual(result.order, ['getReasonCodeList', 'getChannel'], 'answered out of order, matched by id');
  assert.deepEqual(result.logout, ['End of shift', 'Personal']);
  const notes = await page.evaluate(() => window.sim.log().map((e) => e.note).filter(Boolean));
  assert.ok(notes.includes('duplicate (fault)'));
  assert.ok(notes.some((n) => n.startsWith('delayed 300 ms')));
});

test('fault hooks: a dropped response times out on the client, failNext rejects with the code', async () => {
  const result = await frame.evaluate(async () => {
    const sim = window.parent.sim;
    const client = new window.ConnectsIntegrationLibrary({ allowedOrigins: [location.origin], requestTimeout: 400 });
    await client.initIntegration();
    sim.dropNextResponse('getChannel');
    const dropped = await client.getChannel('voice').then(() => 'resolved', (e) => e.code);
    sim.failNext('setAgentState', { code: 'REQUEST_FAILED', message: 'CTI down' });
    const failed = await client.setAgentState('voice', 'Ready', '', 'r-fail').then(() => 'resolved', (e) => `${e.code}:${e.message}`);
    const after = await client.getChannel('voice');
    client.destroy();
    return { dropped, failed, state: after.channel.state };
  });
  assert.equal(result.dropped, 'TIMEOUT');
  assert.equal(result.failed, 'REQUEST_FAILED:CTI down');
  assert.equal(result.state, 'NotReady');
});

test('reload: bye, new host id, the client reconnects and gets the state once', async () => {
  await clearEvents();
  const before = await page.evaluate(() => window.sim.state().hostId);
  const hostId = await page.evaluate(() => window.sim.reload());
  assert.notEqual(hostId, before);
  await frame.waitForFunction(() => window.__events.length >= 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await events(), ['agentStateChange']);
  const channel = await frame.evaluate(() => window.cil.getChannel('voice'));
  assert.equal(channel.channel.state, 'NotReady');
  const kinds = await page.evaluate(() => window.sim.log().map((e) => e.kind));
  assert.ok(kinds.includes('bye') && kinds.includes('announce'));
});
