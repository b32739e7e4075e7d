// The gadget simulator in a real browser (issue 14): no traps whatever a page passes, who
// receives which event with several frames and several clients per frame, timers (unanswered
// calls), conference, queue and team statistics, and scenario scripts.
//
// Real frames in headless Chromium: the gadget page (tests/e2e/pages/simulator/host.html, the
// drop-in simulator) on origin A = http://127.0.0.1:p1, integration frames running the drop-in
// client (tests/e2e/pages/reliability/client.html) on origin B = http://localhost:p2.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/simulator.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const figures = {};
let servers;
let browser;
let A;
let B;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cil.js')), 'run npm run build first');
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'gadget-simulator.js')), 'run npm run build first');
  servers = await startServers();
  ({ originA: A, originB: B } = servers);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await servers?.close();
  const rows = Object.entries(figures);
  if (rows.length) {
    const w = Math.max(...rows.map(([k]) => k.length));
    console.log(['', '== simulator figures', ...rows.map(([k, v]) => `| ${k.padEnd(w)} | ${String(v).padStart(8)} |`)].join('\n'));
  }
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The gadget page with `frames` integration frames (client.html on origin B) and simulator `options`. */
async function open({ frames = 1, options = {}, client = '/tests/e2e/pages/reliability/client.html' } = {}) {
  const page = await browser.newPage();
  const consoleLines = recordConsole(page);
  const frameUrl = `${B}${client}?gadget=${encodeURIComponent(A)}`;
  const q = Array.from({ length: frames }, () => `frame=${encodeURIComponent(frameUrl)}`);
  q.push(`options=${encodeURIComponent(JSON.stringify(options))}`);
  await page.goto(`${A}/tests/e2e/pages/simulator/host.html?${q.join('&')}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  const found = [];
  for (let i = 0; i < frames; i++) {
    const handle = await page.waitForSelector(`iframe[name=f${i}]`, { state: 'attached' });
    let f = null;
    for (let j = 0; j < 300 && !(f && f.url().includes(client)); j++) {
      f = await handle.contentFrame();
      if (!(f && f.url().includes(client))) await sleep(20);
    }
    assert.ok(f, `frame f${i}`);
    await f.waitForSelector('html[data-ready=true]', { timeout: 15000 });
    found.push(f);
  }
  return { page, frames: found, consoleLines };
}

/** In a frame: `window[name]` = a connected client that records every event it hears. */
async function connect(frame, name) {
  await frame.evaluate(async (name) => {
    const c = R.make({ requestTimeout: 3000 });
    const heard = [];
    const events = ['AgentStateChange', 'CallVariableChanged', 'ChannelCreate', 'WorkitemConnect', 'WorkitemCreate',
      'WorkitemEnd', 'WorkitemPause', 'WorkitemResume', 'WorkitemWrapup', 'WrapupDataChanged'];
    for (const e of events) {
      c['on' + e]((d) => heard.push({ event: d.event, requestId: d.requestId, state: d.newState || d.state, id: d.id, reason: d.newReasonCode, classification: d.classification, at: performance.now() }));
    }
    c.onError((d) => heard.push({ event: 'error', requestId: d.requestId, message: d.message }));
    await c.initIntegration();
    window[name] = c;
    window[name + 'Heard'] = heard;
  }, name);
}

const heard = (frame, name) => frame.evaluate((name) => window[name + 'Heard'].slice(), name);
const clear = (frame, name) => frame.evaluate((name) => { window[name + 'Heard'].length = 0; }, name);

// ------------------------------------------------------------------------------------------------
describe('no traps', () => {
  test('every simulator method, called with hostile values in every position: no trap, every refusal a SimulatorError naming the argument, the simulator keeps working', { timeout: 120000 }, async () => {
    const ctx = await open({ frames: 1 });
    try {
      await connect(ctx.frames[0], 'c');
      const r = await ctx.page.evaluate(async () => {
        const sim = window.sim;
        const big = 'v'.repeat(1 << 16);
        const throwing = new Proxy({}, {
          get() { throw new Error('trap get'); }, ownKeys() { throw new Error('trap ownKeys'); },
          getOwnPropertyDescriptor() { throw new Error('trap gOPD'); }, has() { throw new Error('trap has'); },
          getPrototypeOf() { throw new Error('trap getPrototypeOf'); },
        });
        const revocable = Proxy.revocable({}, {});
        revocable.revoke();
        const revokedArray = Proxy.revocable([], {});
        revokedArray.revoke();
        const fakeIframe = new Proxy({}, { getPrototypeOf: () => HTMLIFrameElement.prototype });
        const proxiedIframe = new Proxy(window.frameEls[0], {});
        const cyclic = {}; cyclic.self = cyclic;
        const deep = JSON.parse('['.repeat(200) + ']'.repeat(200));
        const values = [
          undefined, null, 0, -1, 1.5, 2 ** 32, NaN, Infinity, -0, true, '', 'voice', 'Ready', big, '\u0000\uD800',
          {}, [], [1, 2], Symbol('s'), 10n, () => {}, throwing, revocable.proxy, revokedArray.proxy, fakeIframe, proxiedIframe,
          { toString() { throw new Error('toString'); }, valueOf() { throw new Error('valueOf'); } },
          { get ani() { throw new Error('getter'); }, get id() { throw new Error('getter'); } },
          { get length() { throw new Error('length'); } },
          Object.create(null), JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
          cyclic, deep, new Uint8Array(8), new Array(1e5).fill('voice'), new Array(2 ** 32 - 1),
          document.body, document.createElement('div'), { code: 5, message: {} }, { id: 'voice_1', type: 'Fax' },
        ];
        // Plausible arguments per method, so a hostile value in one position meets good ones in the others.
        const plausible = {
          attach: [document.createElement('iframe'), 'http://localhost:1'], createFrame: [document.createElement('div'), 'about:blank'],
          detach: [document.createElement('iframe')], allowOrigin: ['http://localhost:2'],
          incomingCall: [{ ani: '+41 1' }], answer: [null], hold: [null], resume: [null], hangUp: [null],
          endWrapup: [null, 'Ready', ''], transfer: [null], dial: ['+41 2', 'voice'], setCallVariable: [null, 'callVariable1', 'x'],
          setWrapupReason: [null, 'Sale'], setAgentState: ['NotReady', '1', 'voice'], createChannel: [{ id: 'chat_9', type: 'Chat' }],
          raiseError: ['boom'], failNext: ['getChannel', { code: 'REQUEST_FAILED', message: 'm' }], dropNextResponse: ['getChannel'],
          duplicateNextResponse: ['getChannel'], delayNextResponse: [10, 'getChannel'], clearFaults: [],
          setWrapupEnabled: [true, 'voice'], setReasonCodeRequired: [false, false], reload: [], announce: [],
          sendEvent: ['workitemCreate', { event: 'workitemCreate' }], getChannel: ['voice'], state: [], log: [], clearLog: [],
          onLog: [() => {}], offLog: [1], record: [], play: [{ steps: [] }], stop: [],
        };
        const SKIP = new Set(['constructor', 'free', 'destroy', '__destroy_into_raw']);
        const proto = Object.getPrototypeOf(sim);
        const methods = Object.getOwnPropertyNames(proto).filter((k) => !SKIP.has(k) && typeof proto[k] === 'function');
        const isTrap = (e) => e instanceof WebAssembly.RuntimeError ||
          /unreachable|out of bounds|recursive use|already borrowed|null pointer passed|memory access|RuntimeError/i.test(String(e && e.message));
        const out = { calls: 0, ok: 0, simErrors: 0, invalid: 0, traps: [], foreign: [], unnamed: [], methods, thisCalls: 0, thisTraps: [] };
        const one = (m, args) => {
          out.calls++;
          try {
            const ret = proto[m].apply(sim, args);
            if (ret && typeof ret.then === 'function') ret.then(() => {}, () => {});
            out.ok++;
          } catch (e) {
            if (isTrap(e)) { out.traps.push(`${m}: ${e && e.message}`); return; }
            if (!e || e.name !== 'SimulatorError' || typeof e.code !== 'string') { out.foreign.push(`${m}: ${e && e.name}: ${e && e.message}`); return; }
            out.simErrors++;
            if (e.code === 'INVALID_ARGUMENT') {
              out.invalid++;
              if (!new RegExp(`^(${m}|GadgetSimulator): [A-Za-z.]+: `).test(e.message) && !/^options: |^script: /.test(e.message)) out.unnamed.push(`${m}: ${e.message.slice(0, 120)}`);
            }
          }
        };
        for (const m of methods) {
          const base = plausible[m] || [];
          one(m, []);
          for (const v of values) {
            one(m, [v]);
            one(m, [v, v, v]);
            for (let pos = 0; pos < Math.max(base.length, 1); pos++) {
              const args = base.slice();
              args[pos] = v;
              one(m, args);
            }
          }
        }
        // A wrong `this` (the method torn off the instance): refused by the glue, never a trap.
        for (const m of methods) {
          for (const v of [undefined, null, {}, 1, throwing, revocable.proxy]) {
            out.thisCalls++;
            try { proto[m].call(v, 'voice'); } catch (e) { if (e instanceof WebAssembly.RuntimeError || /unreachable|out of bounds|already borrowed|recursive use/i.test(String(e && e.message))) out.thisTraps.push(`${m}: ${e.message}`); }
          }
        }
        // The constructor too.
        for (const v of values) {
          out.calls++;
          try { const s = new sim.constructor(v); s.destroy(); out.ok++; } catch (e) {
            if (isTrap(e)) out.traps.push(`new: ${e.message}`);
            else if (!e || e.name !== 'SimulatorError') out.foreign.push(`new: ${e && e.name}: ${e && e.message}`);
            else out.simErrors++;
          }
        }
        // The drop-in facade: create() never throws, it resolves or rejects with a SimulatorError.
        for (const v of values) {
          out.calls++;
          let ret;
          try { ret = GadgetSimulator.create(v); } catch (e) { out.foreign.push(`create threw synchronously: ${e && e.message}`); continue; }
          try { const s = await ret; s.destroy(); out.ok++; } catch (e) {
            if (isTrap(e)) out.traps.push(`create: ${e.message}`);
            else if (!e || e.name !== 'SimulatorError') out.foreign.push(`create: ${e && e.name}: ${e && e.message}`);
            else out.simErrors++;
          }
        }
        return out;
      });
      figures['hostile calls (simulator methods)'] = r.calls;
      figures['  of which refused with SimulatorError'] = r.simErrors;
      figures['  of which INVALID_ARGUMENT'] = r.invalid;
      figures['  traps'] = r.traps.length;
      figures['wrong-this calls (glue refusals)'] = r.thisCalls;
      console.log(`sweep: ${r.methods.length} methods, ${r.calls} hostile calls: ${r.ok} returned, ${r.simErrors} SimulatorError (${r.invalid} INVALID_ARGUMENT), ${r.traps.length} traps; ${r.thisCalls} calls with a wrong this, ${r.thisTraps.length} traps`);
      assert.deepEqual(r.traps, [], 'no trap');
      assert.deepEqual(r.thisTraps, [], 'no trap with a wrong this');
      assert.deepEqual(r.foreign, [], 'every refusal is a SimulatorError');
      assert.deepEqual(r.unnamed, [], 'every INVALID_ARGUMENT names the method and the argument');
      assert.ok(r.methods.length >= 43, `swept ${r.methods.length} methods: ${r.methods.join(', ')}`);
      assert.ok(r.calls > 4000, `${r.calls} calls`);
      // The reported crash: a number where a string goes.
      const reported = await ctx.page.evaluate(() => {
        const out = [];
        for (const args of [['NotReady', 2], [42]]) {
          try { window.sim.setAgentState(...args); out.push('no error'); } catch (e) { out.push(`${e.name} ${e.code} ${e.message}`); }
        }
        return out;
      });
      assert.deepEqual(reported, [
        'SimulatorError INVALID_ARGUMENT setAgentState: reasonCode: expected a string (e.g. "2"), got a number',
        'SimulatorError INVALID_ARGUMENT setAgentState: state: expected a string, got a number',
      ]);
      // Still working: the model, the log, and the integration's connection (it may have had to
      // reconnect after the sweep's reloads).
      const after = await ctx.page.evaluate(() => {
        const sim = window.sim;
        sim.clearFaults();
        for (const w of sim.state().workitems) { try { sim.hangUp(w.id); } catch {} try { sim.endWrapup(w.id, 'NotReady'); } catch {} }
        if (sim.state().channels[0].state !== 'Ready') sim.setAgentState('Ready');
        const id = sim.incomingCall({ ani: '+41 44 000 00 00' });
        sim.answer(id);
        return { state: sim.state().channels[0].state, id, log: sim.log().length > 0 };
      });
      assert.equal(after.state, 'Active', JSON.stringify(after));
      assert.equal(after.log, true);
      const viaClient = await ctx.frames[0].evaluate(async () => {
        for (let i = 0; i < 50 && !window.c.connected; i++) await new Promise((r) => setTimeout(r, 100));
        return R.settle(window.c.getChannel('voice'));
      });
      assert.equal(viaClient.ok, true, JSON.stringify(viaClient));
      assert.equal(viaClient.value.channel.state, 'Active');
      assert.ok(viaClient.value.channel.workitems.some((w) => w.id === after.id));
      const errors = (await ctx.page.evaluate(() => window.__pageErrors)).filter((e) => /RuntimeError|unreachable|out of bounds/.test(e));
      assert.deepEqual(errors, []);
    } finally {
      await ctx.page.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe('event scope', () => {
  test('two frames: a request\'s events and its error event reach only the frame that asked; the gadget\'s own events reach both', async () => {
    const ctx = await open({ frames: 2 });
    try {
      const [f1, f2] = ctx.frames;
      await connect(f1, 'c');
      await connect(f2, 'c');
      await ctx.page.evaluate(() => window.sim.failNext('getChannel'));
      const failed = await f1.evaluate(() => R.settle(window.c.getChannel('voice', 'mine-1')));
      assert.equal(failed.code, 'REQUEST_FAILED');
      const ok = await f1.evaluate(() => R.settle(window.c.setAgentState('voice', 'Ready', '', 'ready-1')));
      assert.equal(ok.ok, true);
      await ctx.page.evaluate(() => window.sim.incomingCall({ ani: '+41 44 555 00 00' }));
      await f2.waitForFunction(() => window.cHeard.some((e) => e.event === 'workitemCreate'));
      await f1.waitForFunction(() => window.cHeard.some((e) => e.event === 'workitemCreate'));
      const one = await heard(f1, 'c');
      const two = await heard(f2, 'c');
      assert.deepEqual(one.map((e) => `${e.event}:${e.requestId}`), ['error:mine-1', 'agentStateChange:ready-1', 'agentStateChange:', 'workitemCreate:']);
      assert.deepEqual(two.map((e) => `${e.event}:${e.requestId}`), ['agentStateChange:', 'workitemCreate:'], 'frame 2 heard only the gadget\'s own events');
    } finally {
      await ctx.page.close();
    }
  });

  test('two clients in one frame: each keeps its own connection, hears its own request events and errors, and both hear the gadget\'s events; a reload reconnects both', async () => {
    const ctx = await open({ frames: 1 });
    try {
      const [f] = ctx.frames;
      await connect(f, 'a');
      await connect(f, 'b');
      const conns = await ctx.page.evaluate(() => window.sim.state().connections.map((c) => c.clientId));
      assert.equal(conns.length, 2, `two connections: ${conns}`);
      await ctx.page.evaluate(() => window.sim.failNext('getReasonCodeList', { code: 'REQUEST_FAILED', message: 'CTI down' }));
      const r = await f.evaluate(async () => ({
        a: await R.settle(window.a.getReasonCodeList('voice', 'NotReady', 'a-1')),
        b: await R.settle(window.b.setAgentState('voice', 'Ready', '', 'b-1')),
        b2: await R.settle(window.b.getChannel('voice')),
      }));
      assert.equal(r.a.code, 'REQUEST_FAILED');
      assert.equal(r.b.ok, true);
      assert.equal(r.b2.ok, true, 'the second client is not cut off');
      assert.equal(r.b2.value.channel.state, 'Ready');
      await ctx.page.evaluate(() => window.sim.raiseError('gadget trouble'));
      await f.waitForFunction(() => window.aHeard.some((e) => e.message === 'gadget trouble') && window.bHeard.some((e) => e.message === 'gadget trouble'));
      assert.deepEqual((await heard(f, 'a')).map((e) => `${e.event}:${e.requestId}`), ['error:a-1', 'error:']);
      assert.deepEqual((await heard(f, 'b')).map((e) => `${e.event}:${e.requestId}`), ['agentStateChange:b-1', 'error:']);
      // A reload: both reconnect (each replaces its own connection) and both get the replay.
      await clear(f, 'a');
      await clear(f, 'b');
      await ctx.page.evaluate(() => window.sim.reload());
      await f.waitForFunction(() => window.a.connected && window.b.connected && window.aHeard.length > 0 && window.bHeard.length > 0, null, { timeout: 5000 });
      const after = await ctx.page.evaluate(() => window.sim.state().connections.length);
      assert.equal(after, 2);
      assert.deepEqual((await heard(f, 'a')).map((e) => `${e.event}:${e.state}`), ['agentStateChange:Ready']);
      assert.deepEqual((await heard(f, 'b')).map((e) => `${e.event}:${e.state}`), ['agentStateChange:Ready']);
      const both = await f.evaluate(async () => [await R.settle(window.a.getChannel('voice')), await R.settle(window.b.getChannel('voice'))]);
      assert.deepEqual(both.map((x) => x.ok), [true, true]);
    } finally {
      await ctx.page.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
const names = (list) => list.map((e) => `${e.event}:${e.state ?? ''}`);

describe('timers and scenario scripts', () => {
  test('an unanswered call rings out after the RONA time: workitemEnd(EndedAbandoned), then agentStateChange(NotReady, 32767), in the frame', async () => {
    const ctx = await open({ options: { initialState: 'Ready', rona: { timeoutMs: 600 } } });
    try {
      const [f] = ctx.frames;
      await connect(f, 'c');
      const t0 = await f.evaluate(() => performance.now());
      await ctx.page.evaluate(() => window.sim.incomingCall({ ani: '+41 44 111 11 11' }));
      await f.waitForFunction(() => window.cHeard.length >= 4, null, { timeout: 5000 });
      const got = await heard(f, 'c');
      assert.deepEqual(names(got), ['agentStateChange:Active', 'workitemCreate:Offered', 'workitemEnd:EndedAbandoned', 'agentStateChange:NotReady']);
      assert.equal(got[3].reason, 32767);
      const rang = got[2].at - t0;
      assert.ok(rang >= 550 && rang < 3000, `rang for ${rang} ms`);
      const st = await ctx.page.evaluate(() => window.sim.state());
      assert.equal(st.workitems.length, 0);
      assert.equal(st.channels[0].reasonCodeLabel, 'Redirected on no answer');
    } finally {
      await ctx.page.close();
    }
  });

  test('play() runs a script with its pauses and resolves; record() of that session replays the same events in a fresh simulator', async () => {
    const script = {
      scenario: 1, name: 'e2e', options: { initialState: 'NotReady' },
      steps: [
        { do: 'setAgentState', state: 'Ready' },
        { after: 300, do: 'incomingCall', ani: '+41 44 222 22 22', callVariables: { callVariable1: 'A-1' } },
        { after: 300, do: 'answer' },
        { after: 200, do: 'hold' },
        { after: 200, do: 'resume' },
        { after: 200, do: 'setCallVariable', name: 'callVariable2', value: 'x' },
        { after: 200, do: 'hangUp' },
        { after: 200, do: 'endWrapup' },
      ],
    };
    const expected = ['agentStateChange:Ready', 'agentStateChange:Active', 'workitemCreate:Offered', 'workitemConnect:Active',
      'workitemPause:Paused', 'workitemResume:Active', 'callVariableChanged:Active', 'workitemWrapup:Wrapup', 'agentStateChange:Wrapup',
      'workitemEnd:Ended', 'agentStateChange:Ready'];
    let recorded;
    {
      const ctx = await open({ options: script.options });
      try {
        const [f] = ctx.frames;
        await connect(f, 'c');
        const r = await ctx.page.evaluate(async (script) => {
          const t0 = performance.now();
          const p = window.sim.play(script, { speed: 2 });
          let second;
          try { window.sim.play(script); } catch (e) { second = `${e.name} ${e.code}`; }
          const result = await p;
          return { result, ms: performance.now() - t0, second, recorded: window.sim.record() };
        }, script);
        assert.deepEqual(r.result, { played: 8, left: 0, stopped: false });
        assert.ok(r.ms >= 750 && r.ms < 4000, `played in ${r.ms} ms (1600 ms of pauses at speed 2)`);
        assert.equal(r.second, 'SimulatorError REQUEST_FAILED', 'one playback at a time');
        await f.waitForFunction((n) => window.cHeard.length >= n, expected.length);
        assert.deepEqual(names(await heard(f, 'c')), expected);
        recorded = r.recorded;
        assert.equal(recorded.steps.length, 8);
        assert.deepEqual(recorded.options, { logLimit: 5000, initialState: 'NotReady' });
      } finally {
        await ctx.page.close();
      }
    }
    const ctx = await open({ options: recorded.options });
    try {
      const [f] = ctx.frames;
      await connect(f, 'c');
      const r = await ctx.page.evaluate((rec) => window.sim.play(rec, { speed: 20 }), recorded);
      assert.deepEqual(r, { played: 8, left: 0, stopped: false });
      await f.waitForFunction((n) => window.cHeard.length >= n, expected.length);
      assert.deepEqual(names(await heard(f, 'c')), expected, 'the recording replays the same events');
      // A refused step rejects the promise with the step's index; stop() resolves early.
      const bad = await ctx.page.evaluate(() => window.sim.play({ steps: [{ do: 'hold', id: 'nope' }] }).then((v) => v, (e) => `${e.name} ${e.code} ${e.message}`));
      assert.match(bad, /^SimulatorError UNKNOWN_WORKITEM play: step 0 \(hold\): /);
      const stopped = await ctx.page.evaluate(() => {
        const p = window.sim.play({ steps: [{ after: 60000, do: 'raiseError', message: 'never' }] });
        window.sim.stop();
        return p;
      });
      assert.deepEqual(stopped, { played: 0, left: 1, stopped: true });
      const invalid = await ctx.page.evaluate(() => { try { window.sim.play({ steps: [{ do: 'answr' }] }); return 'no error'; } catch (e) { return `${e.code} ${e.message}`; } });
      assert.match(invalid, /^INVALID_ARGUMENT play: script: steps\[0\]: unknown variant `answr`/);
    } finally {
      await ctx.page.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe('conference', () => {
  test('consult, then conference: the events in order in the frame, and only the creator of a conference may update its data', async () => {
    const ctx = await open({ options: { initialState: 'Ready' } });
    try {
      const [f] = ctx.frames;
      await connect(f, 'c');
      const cust = await ctx.page.evaluate(() => { const id = window.sim.incomingCall({ ani: '+41 44 300 00 00' }); window.sim.answer(id); return id; });
      await f.waitForFunction(() => window.cHeard.some((e) => e.event === 'workitemConnect'));
      await clear(f, 'c');
      const dial = await f.evaluate(() => R.settle(window.c.dialOrConsult('voice', '5002', 'consult-1')));
      assert.equal(dial.ok, true, JSON.stringify(dial));
      await f.waitForFunction(() => window.cHeard.some((e) => e.event === 'workitemCreate'));
      const consult = await ctx.page.evaluate(() => window.sim.state().workitems.find((w) => w.classification === 'Consultation').id);
      const conf = await ctx.page.evaluate((consult) => { window.sim.answer(consult); return window.sim.conference(); }, consult);
      assert.equal(conf, consult, 'the newest active leg was picked');
      await f.waitForFunction(() => window.cHeard.some((e) => e.event === 'workitemResume'));
      const got = await heard(f, 'c');
      assert.deepEqual(got.map((e) => `${e.event}:${e.state}:${e.classification}:${e.requestId}`), [
        'workitemPause:Paused:Customer:consult-1',
        'workitemCreate:Initiated:Consultation:consult-1',
        'workitemConnect:Active:Consultation:',
        'workitemEnd:Ended:Consultation:',
        'workitemResume:Active:Conference:',
      ]);
      assert.equal(got[4].id, cust);
      const mine = await f.evaluate(async (id) => ({
        enabled: await R.settle(window.c.isUpdateWorkitemDataEnabled('voice', id)),
        update: await R.settle(window.c.updateWorkitemData('voice', id, { callVariable1: 'conf' })),
      }), cust);
      assert.deepEqual([mine.enabled.value, mine.update.ok], [true, true]);
      // A conference created by another agent: read-only for this one.
      const joined = await ctx.page.evaluate(() => {
        window.sim.hangUp(); window.sim.endWrapup(null, 'Ready');
        const id = window.sim.incomingCall({ ani: '+41 44 400 00 00', conferenceCreator: '2002', participants: ['5002'] });
        window.sim.answer(id);
        return id;
      });
      const theirs = await f.evaluate(async (id) => ({
        enabled: await R.settle(window.c.isUpdateWorkitemDataEnabled('voice', id)),
        update: await R.settle(window.c.updateWorkitemData('voice', id, { callVariable1: 'x' }, 'upd-2')),
      }), joined);
      assert.equal(theirs.enabled.value, false);
      assert.equal(theirs.update.code, 'UPDATE_NOT_ALLOWED');
      assert.match(theirs.update.message, /only the creator of a conference/);
      await f.waitForFunction(() => window.cHeard.some((e) => e.event === 'error' && e.requestId === 'upd-2'));
    } finally {
      await ctx.page.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe('queue and team statistics', () => {
  test('queueDataUpdate and teamDataUpdate: ENABLED on connect, UPDATED as calls come and go and as a script sets figures, ADDED, DELETED, DISABLED at logout; to both frames, also when one frame\'s request caused them', async () => {
    const options = {
      initialState: 'NotReady',
      queues: [{ id: '5001', name: 'Sales', warnAt: 2, statistics: { agentsReady: 2 } }, { id: '5002', name: 'Support' }],
      team: { agents: [{ agentId: '2002', firstName: 'Kim', lastName: 'Berg', extension: '5002', state: 'Ready' }] },
    };
    const ctx = await open({ frames: 2, options, client: '/tests/e2e/pages/simulator/client.html' });
    try {
      const [f1, f2] = ctx.frames;
      for (const f of [f1, f2]) await f.evaluate(async () => { window.c = R.make({ requestTimeout: 3000 }); await window.c.initIntegration(); });
      const stats = (f) => f.evaluate(() => R.statistics());
      await f2.waitForFunction(() => R.statistics().length >= 2);
      assert.deepEqual(await stats(f1), ['queueDataUpdate:ENABLED', 'teamDataUpdate:ENABLED'], 'a new connection gets the current data');
      const ok = await f1.evaluate(() => R.settle(window.c.setAgentState('voice', 'Ready', '', 'r-1')));
      assert.equal(ok.ok, true);
      await ctx.page.evaluate(() => {
        const sim = window.sim;
        const id = sim.incomingCall({ ani: '+41 44 500 00 00' });
        sim.answer(id);
        sim.setQueueStatistics('5001', { callsInQueue: 3 });
        sim.setTeamAgent({ agentId: '2002', state: 'NotReady', reasonCode: { id: '1', label: 'Break' } });
        sim.addQueue({ id: '5003', name: 'VIP' });
        sim.removeQueue('5002');
        sim.hangUp(id);
        sim.endWrapup(id, 'NotReady');
        sim.setAgentState('Logout');
      });
      const expected = [
        'queueDataUpdate:ENABLED', 'teamDataUpdate:ENABLED',
        'queueDataUpdate:UPDATED', 'teamDataUpdate:UPDATED', // Ready (frame 1's request)
        'queueDataUpdate:UPDATED', 'teamDataUpdate:UPDATED', // the call rings: reserved, Active
        'queueDataUpdate:UPDATED', // answered: talking inbound
        'queueDataUpdate:UPDATED', // callsInQueue 3
        'teamDataUpdate:UPDATED', // Kim NotReady
        'queueDataUpdate:ADDED', 'queueDataUpdate:DELETED',
        'queueDataUpdate:UPDATED', 'teamDataUpdate:UPDATED', // wrap-up
        'queueDataUpdate:UPDATED', 'teamDataUpdate:UPDATED', // NotReady after wrap-up
        'queueDataUpdate:DISABLED', 'teamDataUpdate:DISABLED', // logout
      ];
      for (const f of [f1, f2]) await f.waitForFunction((n) => R.statistics().length >= n, expected.length);
      assert.deepEqual(await stats(f1), expected);
      assert.deepEqual(await stats(f2), expected, 'the other frame got the same, including those frame 1\'s request caused');
      const detail = await f2.evaluate(() => window.__portMessages.filter((m) => m.kind === 'event' && m.name === 'queueDataUpdate').map((m) => m.data));
      assert.equal(detail[0].queueData[0].statistics.agentsNotReady, 1, 'NotReady at connect');
      assert.equal(detail[1].queueData[0].statistics.agentsReady, 3, 'Ready: 2 others + this agent');
      assert.equal(detail[3].queueData[0].statistics.agentsTalkingInbound, 1);
      assert.equal(detail[4].queueData.length, 1);
      assert.equal(detail[4].queueData[0].escalationLevel, 'Warn');
      assert.ok(detail.every((d) => d.requestId === ''));
      const st = await ctx.page.evaluate(() => window.sim.state());
      assert.equal(st.queues, null, 'logged out: no data');
      // The client saw nothing it could not handle.
      const errors = await f1.evaluate(() => window.__portMessages.filter((m) => m.kind === 'event' && m.name === 'error').length);
      assert.equal(errors, 0);
    } finally {
      await ctx.page.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------
// The demo (www/dist, built by `npm run build`) with its scenario picker. SCENARIO_SCREENSHOT=
// docs/demo-scenario.png also writes the screenshot shown in docs/simulator-api.md (the
// queue-statistics scenario at normal speed, after its fourth step).
describe('demo scenario picker', () => {
  const scenario = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', `${name}.json`), 'utf8'));
  async function openDemo(query) {
    assert.ok(fs.existsSync(path.join(ROOT, 'www', 'dist', 'index.html')), 'run npm run build first');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${A}/www/dist/index.html${query}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
    return { page, problems };
  }

  test('picking a scenario plays it on a fresh simulator: the integration frame receives the scenario\'s events in order, the status line counts them', async () => {
    const { page, problems } = await openDemo('?speed=10');
    try {
      const options = await page.$$eval('#scenario option', (os) => os.map((o) => o.value));
      assert.deepEqual(options, ['incoming-with-wrapup', 'incoming-without-wrapup', 'outgoing', 'consult-and-transfer', 'conference',
        'rona', 'call-recovery-at-login', 'gadget-reload', 'queue-statistics']);
      for (const name of ['conference', 'queue-statistics']) {
        const sc = scenario(name);
        await page.selectOption('#scenario', name);
        assert.match(await page.textContent('#scenario-order'), /^agentStateChange\(/);
        await page.click('#play');
        await page.waitForFunction(() => /^finished/.test(document.getElementById('scenario-status').textContent), null, { timeout: 20000 });
        assert.equal(await page.textContent('#scenario-status'), `finished: ${sc.steps.length} steps played`);
        assert.equal(await page.textContent('#scenario-events'), `events sent: ${sc.events.length} of ${sc.events.length} expected`);
        const frame = await (await page.$('#integration')).contentFrame();
        const got = await frame.evaluate(() => window.__events.map((e) => `${e.name}:${e.data.newState ?? e.data.state ?? e.data.dataState ?? e.data.teamDataState ?? ''}`));
        // The integration shows every event it has a registration for (the statistics events
        // once the client has onQueueDataUpdate / onTeamDataUpdate).
        const registered = await frame.evaluate(() => ['onQueueDataUpdate', 'onTeamDataUpdate'].filter((m) => typeof window.cil[m] === 'function').length);
        const expected = registered === 2 ? sc.events : sc.events.filter((e) => !/DataUpdate:/.test(e));
        assert.deepEqual(got, expected, name);
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the demo mid-scenario (screenshot when SCENARIO_SCREENSHOT is set)', async () => {
    const { page, problems } = await openDemo(`?scenario=queue-statistics&play=1${process.env.SCENARIO_SCREENSHOT ? '' : '&speed=10'}`);
    try {
      await page.waitForFunction(() => window.sim && window.sim.state().playback && window.sim.state().playback.played >= 4, null, { timeout: 30000 });
      await page.waitForFunction(() => !document.getElementById('stats').hidden);
      const st = await page.evaluate(() => window.sim.state());
      assert.equal(st.queues.length, 2);
      assert.equal(st.team.length, 3);
      const rows = await page.$$eval('#queues tr', (trs) => trs.length);
      assert.equal(rows, 2);
      if (process.env.SCENARIO_SCREENSHOT) {
        await sleep(400);
        await page.screenshot({ path: path.resolve(ROOT, process.env.SCENARIO_SCREENSHOT) });
      }
      await page.click('#stop');
      await page.waitForFunction(() => /^stopped/.test(document.getElementById('scenario-status').textContent));
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
