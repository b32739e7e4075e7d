// The client's options beyond the 2.7 reference, end to end in real frames on two origins with
// the bare protocol host (tests/fixtures/protocol-host.js):
// * resultShape 'envelope' (issue 16): every request, success and failure, in both shapes; and a
//   page written for the vendor's envelope (`result?.response?.enabled`) running unmodified;
// * the support log and the `logger` option (issue 13);
// * allowedOrigins patterns (`http://*.localhost:<port>`), matched against the whole origin.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/client-options.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const PAGES = '/tests/e2e/pages/client-options';
let servers;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cil.js')), 'run npm run build first');
  servers = await startServers();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

/** The host page on `hostOrigin` with the integration `page` (client.html) on the other origin. */
async function open({ page = 'client.html', hostOrigin = servers.originA, frameOrigin = servers.originB, gadget = hostOrigin } = {}) {
  const tab = await browser.newPage();
  const lines = recordConsole(tab);
  const frameUrl = `${frameOrigin}${PAGES}/${page}?gadget=${encodeURIComponent(gadget)}`;
  await tab.goto(`${hostOrigin}${PAGES}/host.html?frame=${encodeURIComponent(frameUrl)}`);
  let frame;
  for (let i = 0; i < 200 && !frame; i++) {
    frame = tab.frames().find((f) => f.url().includes(`${PAGES}/${page}`));
    if (!frame) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(frame, 'the integration frame');
  await frame.waitForLoadState('load');
  return { tab, frame, lines };
}

// Each request with arguments that succeed, and with requestId 'fail' (the host fails it).
const CALLS = [
  ['dialOrConsult', ['voice', '+41445551234']],
  ['getChannel', ['voice']],
  ['getReasonCodeList', ['voice', 'NotReady']],
  ['isUpdateWorkitemDataEnabled', ['voice', 'wi-active']],
  ['setAgentState', ['voice', 'Ready', '']],
  ['setWrapupReason', ['voice', 'wi-active', 'Sale']],
  ['updateWorkitemData', ['voice', 'wi-active', { callVariable1: 'x' }]],
];

async function runAll(frame, options) {
  return frame.evaluate(async ([calls, options]) => {
    const c = new ConnectsIntegrationLibrary({ allowedOrigins: [window.GADGET], requestTimeout: 5000, ...options });
    const errors = [];
    // A client-side failure carries a code; the gadget's own error event names the requestId.
    c.onError((e) => errors.push(e.code || (e.requestId === 'fail' ? 'REQUEST_FAILED' : '?')));
    await c.initIntegration();
    const settle = (p) => p.then((v) => ({ resolved: v === undefined ? '(undefined)' : v }), (e) => ({ rejected: { name: e.name, code: e.code, requestId: e.requestId } }));
    const out = {};
    for (const [m, args] of calls) {
      out[m] = {
        ok: await settle(c[m](...args)),
        fail: await settle(c[m](...args, 'fail')),
        bad: await settle(c[m](42)),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
    c.destroy();
    return { out, errors };
  }, [CALLS, options]);
}

test("resultShape 'value' (the default): values, rejections with CilError", async () => {
  const { tab, frame } = await open();
  try {
    const { out, errors } = await runAll(frame, {});
    assert.equal(out.getChannel.ok.resolved.agentId, 'ghopper');
    assert.deepEqual(out.getReasonCodeList.ok.resolved, [{ id: 12, label: 'Break' }]);
    assert.equal(out.isUpdateWorkitemDataEnabled.ok.resolved, true);
    for (const m of ['dialOrConsult', 'setAgentState', 'setWrapupReason', 'updateWorkitemData']) {
      assert.equal(out[m].ok.resolved, '(undefined)', m);
    }
    for (const [m] of CALLS) {
      assert.deepEqual(out[m].fail.rejected, { name: 'CilError', code: 'REQUEST_FAILED', requestId: 'fail' }, m);
      assert.equal(out[m].bad.rejected.code, 'INVALID_ARGUMENT', m);
    }
    // The error event fires for each failure and each bad call.
    assert.equal(errors.filter((c) => c === 'REQUEST_FAILED').length, 7);
    assert.equal(errors.filter((c) => c === 'INVALID_ARGUMENT').length, 7);
  } finally {
    await tab.close();
  }
});

test("resultShape 'envelope': {success: true, response} and {success: false, error}, never a rejection; the error event still fires", async () => {
  const { tab, frame } = await open();
  try {
    const { out, errors } = await runAll(frame, { resultShape: 'envelope' });
    assert.equal(out.getChannel.ok.resolved.success, true);
    assert.equal(out.getChannel.ok.resolved.response.agentId, 'ghopper');
    assert.deepEqual(out.getReasonCodeList.ok.resolved, { success: true, response: [{ id: 12, label: 'Break' }] });
    assert.deepEqual(out.isUpdateWorkitemDataEnabled.ok.resolved, { success: true, response: { enabled: true } });
    for (const m of ['dialOrConsult', 'setAgentState', 'setWrapupReason', 'updateWorkitemData']) {
      assert.deepEqual(out[m].ok.resolved, { success: true, response: undefined }, m);
      assert.ok('response' in out[m].ok.resolved, `${m}: response is present (undefined)`);
    }
    for (const [m] of CALLS) {
      assert.deepEqual(out[m].fail.resolved, { success: false, error: { code: 'REQUEST_FAILED', message: 'asked to fail', requestId: 'fail' } }, m);
      assert.equal(out[m].bad.resolved.success, false, m);
      assert.equal(out[m].bad.resolved.error.code, 'INVALID_ARGUMENT', m);
      assert.match(out[m].bad.resolved.error.message, new RegExp(`^${m}: `), m);
    }
    assert.equal(errors.filter((c) => c === 'REQUEST_FAILED').length, 7);
    assert.equal(errors.filter((c) => c === 'INVALID_ARGUMENT').length, 7);
    const disabled = await frame.evaluate(async () => {
      const c = new ConnectsIntegrationLibrary({ allowedOrigins: [window.GADGET], resultShape: 'envelope' });
      const r = await c.isUpdateWorkitemDataEnabled('voice', 'wi-held');
      c.destroy();
      return r;
    });
    assert.deepEqual(disabled, { success: true, response: { enabled: false } });
    const wrong = await frame.evaluate(() => new ConnectsIntegrationLibrary({ resultShape: 'env' }).getChannel('voice').catch((e) => e.message));
    assert.match(wrong, /resultShape: expected "value" or "envelope", got "env"/);
  } finally {
    await tab.close();
  }
});

test('a page written for the vendor\'s envelope (result?.response?.enabled, then updateWorkitemData) runs unmodified with data-result-shape="envelope"', async () => {
  const { tab, frame } = await open({ page: 'scv-component.html' });
  try {
    assert.equal(await frame.evaluate(() => window.outcome), 'updated');
  } finally {
    await tab.close();
  }
});

test('the support log keeps log lines and message summaries (no payloads), bounded; logger receives the lines instead of the console', async () => {
  const { tab, frame, lines } = await open();
  try {
    const r = await frame.evaluate(async () => {
      const got = [];
      const c = new ConnectsIntegrationLibrary({ allowedOrigins: [window.GADGET], supportLogSize: 50,
        logger: (level, message, data) => got.push([level, message, data === undefined ? 'none' : typeof data]) });
      await c.initIntegration();
      await c.getChannel('voice', 'secret-request');
      await c.getChannel('Voice').catch(() => {});
      const log = c.supportLog();
      const text = c.supportLogText();
      for (let i = 0; i < 100; i++) await c.getChannel('voice');
      const after = c.supportLog().map((e) => e.message);
      const bounded = after.length;
      const afterText = c.supportLogText().trim().split('\n').map((l) => l.split(' ').slice(2).join(' '));
      c.destroy();
      return { log, text, bounded, after, afterText, got };
    });
    const messages = r.log.map((e) => e.message);
    assert.ok(messages.includes('sent syn'), messages.join(' | '));
    assert.ok(messages.includes('received ack'));
    assert.ok(messages.some((m) => /^sent request getChannel #\d+$/.test(m)), messages.join(' | '));
    assert.ok(messages.some((m) => /^received response ok #\d+$/.test(m)));
    assert.ok(messages.some((m) => m.startsWith('getChannel: channelId: expected')), 'the INVALID_ARGUMENT line');
    assert.ok(r.log.every((e) => /^\d{4}-\d\d-\d\dT/.test(e.time) && ['error', 'warn', 'info', 'debug'].includes(e.level)));
    assert.ok(!JSON.stringify(r.log).includes('ghopper'), 'no payload is kept');
    assert.equal(r.text.trim().split('\n').length, r.log.length);
    assert.ok(r.text.includes(' warn getChannel: channelId: expected'));
    assert.equal(r.bounded, 50);
    // Once full, the oldest entries go first: what is left is the newest 50, oldest first.
    const ids = r.after.map((m) => /^sent request getChannel #(\d+)$/.exec(m)?.[1]).filter(Boolean).map(Number);
    assert.ok(ids.length >= 24, r.after.join(' | '));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in the order sent');
    assert.equal(r.after.at(-1), `received response ok #${ids.at(-1)}`, 'the newest entry is last');
    assert.deepEqual(r.afterText, r.after, 'the text has the same entries in the same order');
    assert.deepEqual(r.got.filter((g) => g[0] === 'warn').map((g) => g[1].slice(0, 31)), ['getChannel: channelId: expected']);
    assert.ok(!lines.some((l) => l.includes('getChannel: channelId: expected')), 'the logger replaced the console');
  } finally {
    await tab.close();
  }
});

test('allowedOrigins patterns: http://*.gadget.localhost:<port> connects to a gadget on crm.gadget.localhost, and a pattern for another domain does not', async () => {
  // Chromium resolves every *.localhost name to the loopback address.
  const port = new URL(servers.originB).port;
  const hostOrigin = `http://crm.gadget.localhost:${port}`;
  const { tab, frame } = await open({ hostOrigin, frameOrigin: servers.originA, gadget: `http://*.gadget.localhost:${port}` });
  try {
    const r = await frame.evaluate(async () => {
      const ok = new ConnectsIntegrationLibrary({ allowedOrigins: [window.GADGET] });
      const channel = await ok.getChannel('voice');
      const port = window.GADGET.split(':').pop();
      const other = new ConnectsIntegrationLibrary({ allowedOrigins: [`http://*.other.localhost:${port}`], connectTimeout: 600 });
      const refused = await other.initIntegration().then(() => 'connected', (e) => e.code);
      ok.destroy();
      other.destroy();
      return { agent: channel.agentId, refused };
    });
    assert.equal(r.agent, 'ghopper');
    assert.equal(r.refused, 'CONNECT_TIMEOUT');
  } finally {
    await tab.close();
  }
});
