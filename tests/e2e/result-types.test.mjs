// Every result type intact, end to end (issue 11): for the drop-in simulator build
// (dist/gadget-simulator.js, with and without a log kept), the simulator's ES-module build
// (dist/simulator-esm, bundled here by webpack as an integrator would) and the bare protocol
// host (tests/fixtures/protocol-host.js), each of the seven requests, made through the real
// drop-in client (dist/cil.js) in a frame on another origin, resolves to exactly the value and
// type the reference documents: an object (getChannel), arrays (getReasonCodeList, one of them
// empty), true and false (isUpdateWorkitemDataEnabled), and undefined for "a promise which has no
// value" (dialOrConsult, setAgentState, setWrapupReason, updateWorkitemData); empty strings and
// empty lists inside the objects arrive as such.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/result-types.test.mjs
// CIL_DIST=<dir> serves /dist/* (and bundles the ES-module simulator) from another build, e.g.
// a copy of dist/ made before a change, to see what this test says about it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import webpack from 'webpack';
import { startServers, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const PAGES = '/tests/e2e/pages/result-types';
const DIST = path.resolve(process.env.CIL_DIST || path.join(ROOT, 'dist'));
const BUNDLE_DIR = path.join(ROOT, '.cache', 'e2e-result-types');

let servers;
let browser;

before(async () => {
  for (const f of ['cil.js', 'gadget-simulator.js', 'simulator-esm/index.js']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `${path.join(DIST, f)} missing: run npm run build first`);
  }
  await bundleEsmSimulator();
  servers = await startServers();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

/** Bundles tests/e2e/pages/result-types/esm-entry.js with webpack 5 (async WebAssembly). */
function bundleEsmSimulator() {
  const config = {
    mode: 'development',
    devtool: false,
    context: ROOT,
    entry: path.join(ROOT, PAGES, 'esm-entry.js'),
    output: { path: BUNDLE_DIR, filename: 'esm-host.js', webassemblyModuleFilename: '[hash].module.wasm', publicPath: 'auto', clean: true },
    experiments: { asyncWebAssembly: true },
    resolve: { alias: { 'gadget-simulator': path.join(DIST, 'simulator-esm', 'index.js') } },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/** Serves /dist/* from CIL_DIST when it is set. */
async function pinDist(page) {
  if (!process.env.CIL_DIST) return;
  await page.route(/\/dist\//, async (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^\/dist\//, '');
    const file = path.join(DIST, rel);
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
    try { await route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: type }); } catch { await route.fulfill({ status: 404, body: 'not found' }); }
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `hostPage` on origin A with the integration frame on origin B, connected. */
async function open(hostPage, query = '') {
  const page = await browser.newPage();
  await pinDist(page);
  const consoleLines = recordConsole(page);
  const frameUrl = `${servers.originB}${PAGES}/client.html?gadget=${encodeURIComponent(servers.originA)}`;
  await page.goto(`${servers.originA}${PAGES}/${hostPage}?frame=${encodeURIComponent(frameUrl)}${query}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  let frame;
  for (let i = 0; i < 300 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes(`${PAGES}/client.html`));
    if (!frame) await sleep(20);
  }
  assert.ok(frame, 'the integration frame');
  await frame.waitForSelector('html[data-ready=true]', { timeout: 15000 });
  await frame.evaluate(() => window.R.ready);
  const call = (method, ...args) => frame.evaluate(([m, a]) => window.R.call(m, ...a), [method, args]);
  return { page, frame, call, consoleLines };
}

async function noPageErrors(ctx) {
  const errs = await ctx.frame.evaluate(() => window.__pageErrors);
  const top = await ctx.page.evaluate(() => window.__pageErrors || []);
  assert.deepEqual([...errs, ...top], [], 'no page errors or unhandled rejections');
  assert.ok(!ctx.consoleLines.some((l) => l.startsWith('pageerror')), ctx.consoleLines.join('\n'));
}

/** Asserts a request resolved to `undefined` ("a promise which has no value"). */
function noValue(r, what) {
  assert.deepEqual(r, { ok: true, kind: 'undefined', json: null, plain: null }, `${what} resolves undefined`);
}

/** Asserts a request resolved to exactly the boolean `value`. */
function bool(r, value, what) {
  assert.deepEqual(r, { ok: true, kind: 'boolean', json: String(value), plain: null }, `${what} resolves ${value}`);
}

/** Asserts a request resolved to a plain array or object equal to `expected`. */
function data(r, expected, what) {
  const kind = Array.isArray(expected) ? 'array' : 'object';
  assert.equal(r.ok, true, `${what}: ${r.code} ${r.message}`);
  assert.equal(r.kind, kind, `${what} resolves an ${kind}`);
  assert.equal(r.plain, true, `${what}: a plain ${kind}`);
  assert.deepEqual(JSON.parse(r.json), expected, `${what}: the documented value`);
}

// The seven requests against the simulator, in a state where each answer is known from the
// model: the test asks the simulator (sim.getChannel, sim.state) what the answer must be.
async function simulatorCase(hostPage, query) {
  const ctx = await open(hostPage, query);
  const { page, call } = ctx;
  try {
    const model = () => page.evaluate(() => ({ channel: window.sim.getChannel('voice'), state: window.sim.state() }));
    let m = await model();

    // getChannel: an object; no work item yet (an empty list) and the Ready agent has no
    // reason code (an empty label).
    let channel = await call('getChannel', 'voice');
    data(channel, m.channel, 'getChannel, no call');
    const idle = JSON.parse(channel.json);
    assert.deepEqual(idle.channel.workitems, [], 'an empty work-item list');
    assert.equal(idle.channel.reasonCodeLabel, '', 'an empty reasonCodeLabel');

    // getReasonCodeList: arrays, one of them empty (the Logout list of this set-up).
    data(await call('getReasonCodeList', 'voice', 'NotReady'), m.state.reasonCodes.NotReady, 'getReasonCodeList NotReady');
    assert.ok(m.state.reasonCodes.NotReady.length > 0);
    data(await call('getReasonCodeList', 'voice', 'Logout'), [], 'getReasonCodeList Logout (empty)');

    // setAgentState: no value, there and back (an empty reasonCode when none is needed).
    const code = m.state.reasonCodes.NotReady[0].id;
    noValue(await call('setAgentState', 'voice', 'NotReady', code, 'nr-1'), 'setAgentState NotReady');
    noValue(await call('setAgentState', 'voice', 'Ready', ''), 'setAgentState Ready');

    // A connected customer call: its data can be updated (true); requests on it have no value.
    const callId = await page.evaluate(() => {
      const id = window.sim.incomingCall({ ani: '+41 31 555 12 34', dnis: '8001', callVariables: { callVariable1: 'CUST-1' } });
      window.sim.answer(id);
      return id;
    });
    bool(await call('isUpdateWorkitemDataEnabled', 'voice', callId), true, 'isUpdateWorkitemDataEnabled (Active, own call)');
    noValue(await call('updateWorkitemData', 'voice', callId, { callVariable2: 'x', 'user.eccVar1': '' }, 'upd-1'), 'updateWorkitemData');
    noValue(await call('setWrapupReason', 'voice', callId, 'Documentation'), 'setWrapupReason');
    m = await model();
    channel = await call('getChannel', 'voice');
    data(channel, m.channel, 'getChannel, one call');
    const cti = JSON.parse(channel.json).channel.workitems[0].ctiData;
    assert.equal(cti.callVariable2, 'x');
    assert.equal(cti['user.eccVar1'], '', 'an ECC variable set to an empty string stays one');
    assert.equal(cti.callVariable3, '', 'an unset call variable is an empty string');

    // Held: no update (false); a consultation (no value) is no update either (false).
    await page.evaluate((id) => window.sim.hold(id), callId);
    bool(await call('isUpdateWorkitemDataEnabled', 'voice', callId), false, 'isUpdateWorkitemDataEnabled (Paused)');
    noValue(await call('dialOrConsult', 'voice', '+41 31 555 98 76', 'dial-1'), 'dialOrConsult');
    const consult = await page.evaluate(() => window.sim.state().workitems.find((w) => w.classification === 'Consultation').id);
    bool(await call('isUpdateWorkitemDataEnabled', 'voice', consult), false, 'isUpdateWorkitemDataEnabled (consultation)');
    m = await model();
    data(await call('getChannel', 'voice'), m.channel, 'getChannel, call and consultation');
    await noPageErrors(ctx);
  } finally {
    await page.close();
  }
}

describe('result types through the simulator and the bare host', () => {
  test('drop-in simulator, no log kept: each request resolves to the documented value and type', { timeout: 60000 }, async () => {
    await simulatorCase('dropin-host.html');
  });

  test('drop-in simulator, log kept: each request resolves to the documented value and type', { timeout: 60000 }, async () => {
    await simulatorCase('dropin-host.html', '&log=1');
  });

  test('ES-module simulator (bundled by webpack): each request resolves to the documented value and type', { timeout: 60000 }, async () => {
    await simulatorCase('esm-host.html');
  });

  test('bare protocol host: each request resolves to the documented value and type', { timeout: 60000 }, async () => {
    const ctx = await open('bare-host.html');
    try {
      const { channel, reasons } = await ctx.page.evaluate(() => window.RESULTS);
      const got = await ctx.call('getChannel', 'voice');
      data(got, channel, 'getChannel');
      const c = JSON.parse(got.json);
      assert.equal(c.activeDeviceId, '', 'an empty activeDeviceId');
      assert.equal(c.channel.reasonCodeLabel, '', 'an empty reasonCodeLabel');
      assert.deepEqual(c.channel.workitems, [], 'an empty work-item list');
      data(await ctx.call('getReasonCodeList', 'voice', 'NotReady'), reasons, 'getReasonCodeList NotReady');
      data(await ctx.call('getReasonCodeList', 'voice', 'Logout'), [], 'getReasonCodeList Logout (empty)');
      bool(await ctx.call('isUpdateWorkitemDataEnabled', 'voice', 'wi-active'), true, 'isUpdateWorkitemDataEnabled');
      bool(await ctx.call('isUpdateWorkitemDataEnabled', 'voice', 'wi-held'), false, 'isUpdateWorkitemDataEnabled');
      noValue(await ctx.call('dialOrConsult', 'voice', '+41 31 555 98 76'), 'dialOrConsult');
      noValue(await ctx.call('setAgentState', 'voice', 'NotReady', '12'), 'setAgentState');
      noValue(await ctx.call('setWrapupReason', 'voice', 'wi-active', 'Documentation'), 'setWrapupReason');
      noValue(await ctx.call('updateWorkitemData', 'voice', 'wi-active', { callVariable1: '' }), 'updateWorkitemData');
      await noPageErrors(ctx);
    } finally {
      await ctx.page.close();
    }
  });
});
