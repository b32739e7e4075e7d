// connects-cil/testing, the Playwright test kit (issue 15), imported as an integrator imports it
// (the package's self-reference `connects-cil/testing`, i.e. dist/testing/): its option checks,
// the handshake timeout that says why, several gadgets at once, actions that resolve once the
// gadget sent what they cause, the observing methods and their bounded waits, faults, a reload
// and a scenario.
//
// Real frames in headless Chromium: the kit's gadget page on its own loopback server
// (http://127.0.0.1:<port>), the integration page (tests/e2e/pages/testing-kit/integration.html,
// the drop-in client) on this repository's server at http://localhost:<port>.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/testing-kit.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openGadget, Gadget, GadgetTimeoutError, SimulatorError } from 'connects-cil/testing';
import { startServer, launchBrowser, ROOT } from './harness.mjs';

let crm;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'testing', 'index.js')), 'run npm run build first');
  crm = await startServer('localhost');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await crm?.close();
});

/** The test integration page, allowing the gadget origins given. */
const integration = (...gadgets) => `${crm.origin}/tests/e2e/pages/testing-kit/integration.html?${gadgets.map((g) => `gadget=${encodeURIComponent(g)}`).join('&')}`;
/** `integration` as a function of the gadget's origin: for a gadget on a port of its own. */
const allowing = ({ origin }) => integration(origin);

/** Runs `body(page)` with a fresh page, closed afterwards. */
async function withPage(body) {
  const page = await browser.newPage();
  try {
    return await body(page);
  } finally {
    await page.close();
  }
}

test('wrong options reject with a message naming the option and what was expected', async () => {
  await withPage(async (page) => {
    const cases = [
      [null, { integration: integration() }, /^openGadget: page: expected a Playwright Page .*got null/],
      [{ goto() {} }, { integration: integration() }, /^openGadget: page: expected a Playwright Page .*without evaluate, waitForSelector/],
      [page, undefined, /^openGadget: options: expected an object such as \{ integration: /],
      [page, {}, /^openGadget: options\.integration: missing; expected the URL of your integration page/],
      [page, { integration: 'crm.html' }, /^openGadget: options\.integration: expected .* an absolute URL, got "crm\.html", which is not one/],
      [page, { integration: 'ftp://localhost/crm.html' }, /^openGadget: options\.integration: expected an http: or https: URL/],
      [page, { integration: 42 }, /^openGadget: options\.integration: expected .*got number 42/],
      [page, { integration: () => 'nope' }, /^openGadget: options\.integration \(the URL your function returned\): .*got "nope"/],
      [page, { integration: integration(), timeout: -1 }, /^openGadget: options\.timeout: expected a positive number of milliseconds, got number -1/],
      [page, { integration: integration(), connectTimeout: '10s' }, /^openGadget: options\.connectTimeout: expected a positive number of milliseconds, got "10s"/],
      [page, { integration: integration(), port: 70000 }, /^openGadget: options\.port: expected a port number/],
      [page, { integration: integration(), connect: 'yes' }, /^openGadget: options\.connect: expected true/],
    ];
    for (const [p, options, expected] of cases) {
      await assert.rejects(openGadget(p, options), (e) => {
        assert.equal(e.name, 'TypeError', e.message);
        assert.match(e.message, expected);
        return true;
      });
    }
    // The simulator's own options are checked by the simulator, and its message comes through.
    await assert.rejects(openGadget(page, { integration: allowing, initialStat: 'Ready' }),
      /^TypeError: openGadget: the simulator refused its options: .*initialStat/);
    await assert.rejects(openGadget(page, { integration: allowing, initialState: 'Sleeping' }),
      /^TypeError: openGadget: the simulator refused its options: .*initialState/);
  });
});

test('a page that does not allow the gadget origin: the handshake wait says so, naming the origin to allow', async () => {
  await withPage(async (page) => {
    const err = await openGadget(page, { integration: integration('http://127.0.0.1:1'), connectTimeout: 1500 }).then(
      () => assert.fail('connected'), (e) => e);
    assert.ok(err instanceof GadgetTimeoutError, String(err));
    assert.match(err.message, /^openGadget: waited 1500 ms for the integration to connect; saw: out announce /);
    assert.match(err.message, /no handshake \(syn\) arrived from http:\/\/localhost:\d+\/tests\/e2e\/pages\/testing-kit\/integration\.html/);
    const origin = /The gadget is at (http:\/\/127\.0\.0\.1:\d+): your integration page must allow it/.exec(err.message)?.[1];
    assert.ok(origin, err.message);
    assert.ok(err.message.includes(`data-allowed-origins="${origin}"`), err.message);
    assert.ok(err.message.includes(`allowedOrigins: ['${origin}']`), err.message);
    // The failed open closed its server.
    await assert.rejects(fetch(`${origin}/`), /fetch failed/);
  });
});

test('two gadgets at once, each with its own origin, log and requests; close() stops each server and leaves the page open', async () => {
  const pageA = await browser.newPage();
  const pageB = await browser.newPage();
  try {
    const [a, b] = await Promise.all([
      openGadget(pageA, { integration: allowing, initialState: 'NotReady' }),
      openGadget(pageB, { integration: allowing, initialState: 'Ready' }),
    ]);
    assert.ok(a instanceof Gadget && b instanceof Gadget);
    assert.notEqual(a.origin, b.origin);
    assert.match(a.frame.url(), /integration\.html\?gadget=/);
    // Each page asks getChannel once connected; after that, the clicks.
    await a.nextRequest('getChannel');
    await b.nextRequest('getChannel');
    await a.frame.click('#ready');
    await b.frame.click('#not-ready');
    const ra = await a.nextRequest('setAgentState');
    const rb = await b.nextRequest('setAgentState');
    assert.deepEqual(ra.params, { channelId: 'voice', state: 'Ready', reasonCode: '' });
    assert.deepEqual(rb.params, { channelId: 'voice', state: 'NotReady', reasonCode: '2', requestId: 'nr-1' });
    assert.equal(rb.requestId, 'nr-1');
    assert.deepEqual((await a.responseTo(ra)).ok, true);
    assert.deepEqual(a.requests().map((r) => r.method), ['getChannel', 'setAgentState']);
    assert.deepEqual(b.requests().map((r) => r.method), ['getChannel', 'setAgentState']);
    assert.equal((await a.state()).channels[0].state, 'Ready');
    assert.equal((await b.state()).channels[0].state, 'NotReady');
    assert.equal((await b.state()).channels[0].reasonCodeLabel, 'Lunch');
    await a.close();
    await a.close(); // a second close does nothing
    assert.equal(pageA.isClosed(), false);
    await assert.rejects(fetch(a.url), /fetch failed/);
    await assert.rejects(a.answer(), /^Error: gadget\.answer\(\): the gadget is closed$/);
    // b is untouched by a's close.
    assert.equal(await b.incomingCall({ ani: '+41 44 000 00 01' }), '16777217');
    await b.close();
  } finally {
    await pageA.close();
    await pageB.close();
  }
});

test('a fixed port: the page may hard-code the gadget origin; a port in use is refused by name; close() frees it for the next gadget', async () => {
  const page = await browser.newPage();
  const other = await browser.newPage();
  try {
    // A free port: one the system hands out, then released.
    const probe = await openGadget(page, { integration: allowing });
    const port = Number(new URL(probe.origin).port);
    await probe.close();
    const fixed = `http://127.0.0.1:${port}`;
    const first = await openGadget(page, { integration: integration(fixed), port });
    assert.equal(first.origin, fixed);
    await assert.rejects(openGadget(other, { integration: integration(fixed), port }),
      new RegExp(`^Error: openGadget: options\\.port: port ${port} on 127\\.0\\.0\\.1 is in use`));
    await first.close();
    // The same page and port again, one after another.
    const second = await openGadget(page, { integration: integration(fixed), port });
    assert.equal((await second.nextRequest('getChannel')).params.channelId, 'voice');
    await second.close();
  } finally {
    await page.close();
    await other.close();
  }
});

test('actions resolve once the gadget sent what they cause; refusals are SimulatorErrors with the code', async () => {
  await withPage(async (page) => {
    const gadget = await openGadget(page, { integration: allowing, initialState: 'Ready' });
    try {
      const id = await gadget.incomingCall({ ani: '+41 44 123 45 67', callVariables: { callVariable1: 'CUST-1042' } });
      // No wait: the events are in the log the moment the action resolves.
      const created = gadget.events('workitemCreate');
      assert.equal(created.length, 1);
      assert.equal(created[0].data.id, id);
      assert.equal(created[0].data.ani, '+41 44 123 45 67');
      assert.equal(created[0].data.ctiData.callVariable1, 'CUST-1042');
      assert.equal(created[0].note, '');
      assert.equal(await gadget.answer(), id);
      assert.equal(gadget.events('workitemConnect').length, 1);
      await gadget.hold();
      assert.equal((await gadget.nextEvent('workitemPause')).data.state, 'Paused');
      await assert.rejects(gadget.hold(), (e) => {
        assert.ok(e instanceof SimulatorError);
        assert.equal(e.code, 'UNKNOWN_WORKITEM');
        assert.match(e.message, /^hold: no work item is Active/);
        return true;
      });
      await assert.rejects(gadget.answer('nope'), { name: 'SimulatorError', code: 'UNKNOWN_WORKITEM' });
      await assert.rejects(gadget.setAgentState(42), { name: 'SimulatorError', code: 'INVALID_ARGUMENT', message: /^setAgentState: state: expected a string/ });
      await gadget.resume();
      await gadget.hangUp();
      await gadget.endWrapup();
      // What reached the integration, as its own handlers saw it.
      await gadget.frame.waitForFunction(() => window.heard.length >= 9);
      const heard = await gadget.frame.evaluate(() => window.heard);
      assert.deepEqual(heard, ['agentStateChange(Active)', 'workitemCreate(Offered)', 'workitemConnect(Active)', 'workitemPause(Paused)',
        'workitemResume(Active)', 'workitemWrapup(Wrapup)', 'agentStateChange(Wrapup)', 'workitemEnd(Ended)', 'agentStateChange(Ready)']);
      assert.deepEqual(gadget.events().map((e) => `${e.name}(${e.data.newState || e.data.state})`), heard);
      assert.ok(gadget.messages().some((m) => m.kind === 'ack' && m.direction === 'out'));
    } finally {
      await gadget.close();
    }
  });
});

test('nextRequest reads requests in order, made before or after it asked; its timeout says what it saw', async () => {
  await withPage(async (page) => {
    const gadget = await openGadget(page, { integration: allowing, initialState: 'NotReady' });
    try {
      // getChannel was made at connection, before the test asked.
      const first = await gadget.nextRequest();
      assert.equal(first.method, 'getChannel');
      const waiting = gadget.nextRequest('setAgentState');
      await gadget.frame.click('#ready');
      assert.equal((await waiting).params.state, 'Ready');
      await gadget.frame.click('#not-ready');
      const err = await gadget.nextRequest('dialOrConsult', { timeout: 300 }).then(() => assert.fail('resolved'), (e) => e);
      assert.ok(err instanceof GadgetTimeoutError);
      assert.match(err.message, /^gadget\.nextRequest\("dialOrConsult"\): waited 300 ms for a dialOrConsult request from the integration; saw: setAgentState\("voice", "NotReady", "2", "nr-1"\), 2 requests already taken by nextRequest$/);
      assert.equal(err.awaited, 'a dialOrConsult request from the integration');
      const evErr = await gadget.nextEvent('workitemCreate', { timeout: 200 }).then(() => assert.fail('resolved'), (e) => e);
      assert.match(evErr.message, /^gadget\.nextEvent\("workitemCreate"\): waited 200 ms for a workitemCreate event to the integration; saw: agentStateChange\(Ready\), agentStateChange\(NotReady\)$/);
      await assert.rejects(gadget.nextRequest(5), /^TypeError: gadget\.nextRequest\(5\): method: expected a method name/);
      await assert.rejects(gadget.nextRequest('getChannel', { timeout: 0 }), /timeout: expected a positive number of milliseconds, got number 0/);
      // close() ends a pending wait with its reason.
      const pending = assert.rejects(gadget.nextRequest('dialOrConsult'),
        /^Error: gadget\.nextRequest\("dialOrConsult"\): gave up waiting for a dialOrConsult request from the integration: the gadget was closed$/);
      await gadget.close();
      await pending;
    } finally {
      await gadget.close();
    }
  });
});

test('faults: a failed request, as the integration and the gadget saw it', async () => {
  await withPage(async (page) => {
    const gadget = await openGadget(page, { integration: allowing, initialState: 'Ready' });
    try {
      await gadget.incomingCall({ ani: '+41 44 000 00 02' });
      await gadget.answer();
      await gadget.failNext('updateWorkitemData', { code: 'REQUEST_FAILED', message: 'CTI server unavailable' });
      await gadget.frame.click('#save');
      const req = await gadget.nextRequest('updateWorkitemData');
      assert.deepEqual(req.params.updatedData, { callVariable3: 'saved' });
      const res = await gadget.responseTo(req);
      assert.deepEqual({ ok: res.ok, error: res.error }, { ok: false, error: { code: 'REQUEST_FAILED', message: 'CTI server unavailable' } });
      await gadget.frame.locator('#error', { hasText: 'CTI server unavailable' }).waitFor();
      // The fault was consumed: the next save goes through.
      await gadget.frame.click('#save');
      assert.equal((await gadget.responseTo(await gadget.nextRequest('updateWorkitemData'))).ok, true);
      assert.equal((await gadget.state()).workitems[0].ctiData.callVariable3, 'saved');
    } finally {
      await gadget.close();
    }
  });
});

test('reload() resolves once the integration reconnected and got the replay of the call', async () => {
  await withPage(async (page) => {
    const gadget = await openGadget(page, { integration: allowing, initialState: 'Ready' });
    try {
      const id = await gadget.incomingCall({ ani: '+41 44 000 00 03' });
      await gadget.answer(id);
      const before = (await gadget.state()).hostId;
      const hostId = await gadget.reload();
      assert.notEqual(hostId, before);
      const replay = gadget.events().filter((e) => e.note === 'replay after reload');
      assert.deepEqual(replay.map((e) => `${e.name}(${e.data.newState || e.data.state})`), ['agentStateChange(Active)', 'workitemCreate(Active)']);
      assert.equal(replay[1].data.id, id);
      assert.equal((await gadget.state()).connections.length, 1);
      await gadget.frame.locator('#status', { hasText: /^connected$/ }).waitFor();
      await gadget.hangUp();
      assert.equal(gadget.events('workitemWrapup').length, 1);
    } finally {
      await gadget.close();
    }
  });
});

test('play(scenario) runs a shipped scenario to its end; a refused step rejects with the step and the code', async () => {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', 'incoming-without-wrapup.json'), 'utf8'));
  await withPage(async (page) => {
    const gadget = await openGadget(page, { integration: allowing, ...script.options });
    try {
      const done = await gadget.play(script, { speed: 20 });
      assert.deepEqual(done, { played: 3, left: 0, stopped: false });
      assert.deepEqual(gadget.events().map((e) => `${e.name}:${e.data.newState || e.data.state}`), script.events);
      await assert.rejects(gadget.play({ steps: [{ do: 'answer' }] }), (e) => {
        assert.ok(e instanceof SimulatorError);
        assert.equal(e.code, 'UNKNOWN_WORKITEM');
        assert.match(e.message, /^play: step 0 \(answer\): no work item is Offered/);
        return true;
      });
      await assert.rejects(gadget.play({ steps: [{ do: 'teleport' }] }), { name: 'SimulatorError', code: 'INVALID_ARGUMENT', message: /teleport/ });
    } finally {
      await gadget.close();
    }
  });
});
