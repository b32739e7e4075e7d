// connects-cil benchmark: cil against raw window.postMessage, a raw MessagePort (the floor) and
// Penpal 7, in one headless Chromium run, host and integration frame on different origins
// (127.0.0.1 vs localhost: separate renderer processes), contenders interleaved in short batches
// (A B C D, B C D A, …) so that the drift of a shared, noisy machine hits all alike. Ratios are
// what to read. Every contender's host is bare (cil's: tests/fixtures/protocol-host.js, a gadget
// written from PROTOCOL.md) and answers with the same payloads (bench/host.js): the figures are
// the client libraries'. Round trips are taken for getChannel alone and over a mix of all seven
// requests (bench/mix.js).
//
// The simulator's own speed is a section apart, not compared with the clients: requests/s for
// the mix answered through its model, and events/s while it plays calls through its model.
//
//   node bench/run.mjs            full run, writes bench/results.json
//   node bench/run.mjs --smoke    tiny counts, no thresholds (part of npm test, keeps it from rotting)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServers, launchBrowser, ROOT } from '../tests/e2e/harness.mjs';

const smoke = process.argv.includes('--smoke');
const quick = process.argv.includes('--quick'); // a few seconds per figure, for iterating; no results.json
// mixBatch is a multiple of the mix's 7 requests: every batch holds each request equally often.
// simRounds: rounds of the mix per batch through the simulator; scenBatch: calls played per batch.
const N = smoke
  ? { warm: 20, rttBatch: 25, rttRounds: 2, mixBatch: 21, mixRounds: 2, evBatch: 100, evRounds: 2, ready: 2, memWarm: 100, memPhase: 200,
    simWarm: 2, simRounds: 3, simBatches: 2, scenWarm: 2, scenBatch: 5, scenRounds: 2 }
  : quick
    ? { warm: 500, rttBatch: 250, rttRounds: 12, mixBatch: 245, mixRounds: 12, evBatch: 10000, evRounds: 2, ready: 5, memWarm: 1000, memPhase: 10000,
      simWarm: 20, simRounds: 50, simBatches: 3, scenWarm: 50, scenBatch: 500, scenRounds: 2 }
    : { warm: 1000, rttBatch: 250, rttRounds: 40, mixBatch: 245, mixRounds: 40, evBatch: 25000, evRounds: 4, ready: 30, memWarm: 10000, memPhase: 100000,
      simWarm: 50, simRounds: 100, simBatches: 5, scenWarm: 100, scenBatch: 2000, scenRounds: 4 };
const CONTENDERS = ['raw-window', 'raw-port', 'penpal', 'cil'];

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
const isolation = () => ({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'cross-origin',
});

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => quantile([...xs].sort((a, b) => a - b), 0.5);
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const rawSize = (file) => fs.statSync(file).size;

async function main() {
  const servers = await startServers({ headers: isolation });
  const browser = await launchBrowser({ extraArgs: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const results = { date: new Date().toISOString(), smoke, quick, browser: browser.version(), iterations: N, cil_host: 'protocol' };
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${servers.originA}/bench/index.html?child=${encodeURIComponent(servers.originB)}`);
    // The payloads come from the simulator (see bench/host.js); every contender moves the same.
    const sizes = await page.evaluate(() => benchHost.ready);
    results.payload_bytes = { getChannel: sizes.getChannelBytes, getReasonCodeList: sizes.reasonCodesBytes, event: sizes.eventBytes };
    results.mix = await page.evaluate(() => window.BENCH_MIX.requests.map(([m]) => m));
    const frameOf = (name) => {
      const f = page.frame({ name });
      if (!f) throw new Error(`no frame for ${name}`);
      return f;
    };
    // Every step has a deadline: a contender that stops answering fails the run instead of hanging it.
    const step = (what, promise, ms = 60000) => {
      let timer;
      const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`bench: ${what} took over ${ms / 1000} s`)), ms); });
      return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
    };
    const load = (name) => step(`loading ${name}`, page.evaluate((n) => benchHost.load(n), name), 20000);
    const rtt = (name, n) => step(`${n} round trips of ${name}`, frameOf(name).evaluate((k) => bench.rtt(k), n));
    const mixRtt = (name, n) => step(`${n} mixed round trips of ${name}`, frameOf(name).evaluate((k) => bench.mix(k), n));
    const events = async (name, n) => {
      const f = frameOf(name);
      await f.evaluate((k) => bench.expect(k), n);
      await step(`sending ${n} events to ${name}`, page.evaluate(([c, k]) => benchHost.blast(c, k), [name, n]));
      return step(`receiving ${n} events in ${name}`, f.evaluate(() => bench.events()));
    };

    // 1. Round trips.
    for (const c of CONTENDERS) { await load(c); await rtt(c, N.warm); await mixRtt(c, N.mixBatch); }
    results.isolated = {
      host: await page.evaluate(() => self.crossOriginIsolated === true),
      frames: Object.fromEntries(await Promise.all(CONTENDERS.map(async (c) => [c, await frameOf(c).evaluate(() => bench.isolated())]))),
    };
    if (!results.isolated.host || Object.values(results.isolated.frames).some((x) => !x)) {
      problems.push(`not cross-origin isolated (coarse timers): ${JSON.stringify(results.isolated)}`);
    }
    const rtts = Object.fromEntries(CONTENDERS.map((c) => [c, []]));
    // Short batches, and each round starts with the next contender (A B C D, B C D A, …): no
    // contender always follows the same one, and drift is sampled finely.
    for (let r = 0; r < N.rttRounds; r++) {
      for (let k = 0; k < CONTENDERS.length; k++) {
        const c = CONTENDERS[(r + k) % CONTENDERS.length];
        rtts[c].push(...(await rtt(c, N.rttBatch)));
      }
    }
    // The same for the mix of all seven requests.
    const mixes = Object.fromEntries(CONTENDERS.map((c) => [c, []]));
    for (let r = 0; r < N.mixRounds; r++) {
      for (let k = 0; k < CONTENDERS.length; k++) {
        const c = CONTENDERS[(r + k) % CONTENDERS.length];
        mixes[c].push(...(await mixRtt(c, N.mixBatch)));
      }
    }
    const summarize = (samples, prefix) => {
      results[`${prefix}_median_us`] = {};
      results[`${prefix}_p99_us`] = {};
      results[`${prefix}_count`] = {};
      for (const c of CONTENDERS) {
        results[`${prefix}_count`][c] = samples[c].length;
        const s = samples[c].sort((a, b) => a - b);
        results[`${prefix}_median_us`][c] = +quantile(s, 0.5).toFixed(1);
        results[`${prefix}_p99_us`][c] = +quantile(s, 0.99).toFixed(1);
      }
    };
    summarize(rtts, 'rtt');
    summarize(mixes, 'rtt_mix');

    // 2. Event delivery.
    const evRates = Object.fromEntries(CONTENDERS.map((c) => [c, { ms: 0, count: 0, rounds: [], inOrder: true }]));
    for (let r = 0; r < N.evRounds; r++) {
      for (const c of CONTENDERS) {
        const res = await events(c, N.evBatch);
        const e = evRates[c];
        e.ms += res.ms; e.count += res.count; e.rounds.push(res.perSecond); e.inOrder &&= res.inOrder;
      }
    }
    results.events_per_s = {};
    results.events_in_order = {};
    results.events_count = {};
    for (const c of CONTENDERS) {
      results.events_count[c] = evRates[c].count;
      results.events_per_s[c] = Math.round(median(evRates[c].rounds));
      results.events_in_order[c] = evRates[c].inOrder && evRates[c].count === N.evBatch * N.evRounds;
    }

    // 3. Time to ready, fresh frame each time.
    const ready = Object.fromEntries(CONTENDERS.map((c) => [c, []]));
    for (let r = 0; r < N.ready; r++) for (const c of CONTENDERS) ready[c].push(await load(c));
    results.ready_ms = Object.fromEntries(CONTENDERS.map((c) => [c, +median(ready[c]).toFixed(2)]));
    results.ready_p99_ms = Object.fromEntries(CONTENDERS.map((c) => [c, +quantile([...ready[c]].sort((a, b) => a - b), 0.99).toFixed(2)]));
    results.ready_count = Object.fromEntries(CONTENDERS.map((c) => [c, ready[c].length]));

    // 4. Memory of cil: after warm-up, then after memPhase round trips and memPhase events.
    await load('cil');
    await rtt('cil', N.memWarm);
    await events('cil', N.memWarm);
    const before = await frameOf('cil').evaluate(() => bench.memory());
    for (let done = 0; done < N.memPhase; done += 10000) await rtt('cil', Math.min(10000, N.memPhase - done));
    for (let done = 0; done < N.memPhase; done += 25000) await events('cil', Math.min(25000, N.memPhase - done));
    const after = await frameOf('cil').evaluate(() => bench.memory());
    results.memory = { before, after, rtts: N.memPhase, events: N.memPhase, wasm_measured: after.wasmMeasured };
    results.memory_growth_bytes = after.jsHeap + after.wasm - (before.jsHeap + before.wasm);
    await page.evaluate(() => benchHost.remove('cil'));

    // 5. The simulator (not compared with the clients): the cil client in the frame, the
    // simulator as its host, every request answered through the model.
    // 5a. Requests/s over the mix: rounds of its seven requests sent at once, the model reset
    // between rounds (outside the time taken) so that each request succeeds every round.
    const sim = () => frameOf('simulator');
    const simRounds = (n) => step(`${n} rounds of the mix through the simulator`, sim().evaluate((k) => bench.simRounds(k), n));
    await load('simulator');
    await page.evaluate(() => benchHost.simSetup());
    await simRounds(N.simWarm);
    const simBatches = [];
    for (let b = 0; b < N.simBatches; b++) simBatches.push(await simRounds(N.simRounds));
    const simRequests = simBatches.reduce((a, x) => a + x.requests, 0);
    const simMs = simBatches.reduce((a, x) => a + x.ms, 0);
    results.simulator_requests_per_s = Math.round((simRequests / simMs) * 1000);
    // 5b. Events/s while it plays calls through its model (scripting API, not sendEvent): the
    // frame learns one call's events, then counts each batch's, checked against that pattern.
    await load('simulator');
    await sim().evaluate(() => bench.expect(0, null));
    await step('one call through the simulator', page.evaluate(() => benchHost.scenario(1)));
    const pattern = (await step('learning the call pattern', sim().evaluate(() => bench.events()))).names;
    if (!pattern.length) throw new Error('bench: the simulator\'s call scenario raised no events');
    const scenario = async (calls) => {
      await sim().evaluate(([k, p]) => bench.expect(k, p), [calls * pattern.length, pattern]);
      const played = await step(`playing ${calls} calls`, page.evaluate((k) => benchHost.scenario(k), calls));
      const got = await step(`receiving the events of ${calls} calls`, sim().evaluate(() => bench.events()));
      return { ...got, hostMs: played.ms, left: played.left };
    };
    await scenario(N.scenWarm);
    const scen = [];
    for (let r = 0; r < N.scenRounds; r++) scen.push(await scenario(N.scenBatch));
    results.simulator_events_per_s = Math.round(median(scen.map((x) => x.perSecond)));
    results.simulator = {
      mix_rounds: simBatches.length * N.simRounds, mix_requests: simRequests, mix_ms: +simMs.toFixed(1),
      call_events: pattern, calls: scen.length * N.scenBatch,
      events_count: scen.reduce((a, x) => a + x.count, 0),
      events_in_order: scen.every((x) => x.inOrder && x.count === N.scenBatch * pattern.length),
      events_scripted_per_s: Math.round(median(scen.map((x) => (x.count / x.hostMs) * 1000))),
      workitems_left: scen.map((x) => x.left),
    };

    // 6. Sizes (reported, not barred).
    const dist = (f) => path.join(ROOT, 'dist', f);
    const penpal = path.join(ROOT, 'node_modules/penpal/dist/penpal.min.js');
    results.bundle = {
      cil_js_raw: rawSize(dist('cil.js')), cil_wasm_raw: rawSize(dist('cil_bg.wasm')),
      cil_js_gzip: gzipSize(dist('cil.js')), cil_wasm_gzip: gzipSize(dist('cil_bg.wasm')),
      penpal_raw: rawSize(penpal), penpal_gzip: gzipSize(penpal),
    };
    results.bundle_gzip_bytes = results.bundle.cil_js_gzip + results.bundle.cil_wasm_gzip;

    // Ratios. The floor is the faster raw contender of this run.
    const floorRtt = Math.min(results.rtt_median_us['raw-window'], results.rtt_median_us['raw-port']);
    const floorEv = Math.max(results.events_per_s['raw-window'], results.events_per_s['raw-port']);
    const floorMix = Math.min(results.rtt_mix_median_us['raw-window'], results.rtt_mix_median_us['raw-port']);
    results.rtt_ratio_cil_vs_floor = +(results.rtt_median_us.cil / floorRtt).toFixed(3);
    results.rtt_ratio_cil_vs_penpal = +(results.rtt_median_us.cil / results.rtt_median_us.penpal).toFixed(3);
    results.rtt_mix_ratio_cil_vs_floor = +(results.rtt_mix_median_us.cil / floorMix).toFixed(3);
    results.rtt_mix_ratio_cil_vs_penpal = +(results.rtt_mix_median_us.cil / results.rtt_mix_median_us.penpal).toFixed(3);
    results.events_ratio_cil_vs_floor = +(results.events_per_s.cil / floorEv).toFixed(3);
    results.events_ratio_cil_vs_penpal = +(results.events_per_s.cil / results.events_per_s.penpal).toFixed(3);
    results.ready_ratio_cil_vs_penpal = +(results.ready_ms.cil / results.ready_ms.penpal).toFixed(3);
    if (problems.length) results.page_errors = problems;
  } finally {
    await browser.close();
    await servers.close();
  }
  report(results);
  return results;
}

/** The bars of the client (issue 11), as [key, op, bar]. */
const BARS = [
  ['rtt_ratio_cil_vs_floor', '<=', 1.2],
  ['rtt_mix_ratio_cil_vs_floor', '<=', 1.2],
  ['rtt_ratio_cil_vs_penpal', '<=', 1.0],
  ['events_ratio_cil_vs_floor', '>=', 0.8],
  ['events_ratio_cil_vs_penpal', '>=', 1.5],
  ['ready_ratio_cil_vs_penpal', '<=', 1.5],
  ['memory_growth_bytes', '<=', 1048576],
];

function report(r) {
  const pad = (s, n) => String(s).padStart(n);
  const label = { 'raw-window': 'raw-window', 'raw-port': 'raw-port', penpal: 'penpal', cil: 'cil' };
  console.log(`\nconnects-cil bench (${r.smoke ? 'SMOKE, tiny counts' : r.quick ? 'QUICK, reduced counts' : 'full'}) — ${r.browser}, ${r.date}`);
  console.log(`every host bare, same payloads; cil's host: ${r.cil_host} (tests/fixtures/protocol-host.js)`);
  console.log(`${'contender'.padEnd(12)}${pad('rtt med µs', 12)}${pad('rtt p99 µs', 12)}${pad('mix med µs', 12)}${pad('mix p99 µs', 12)}${pad('events/s', 12)}${pad('in order', 10)}${pad('ready ms', 10)}`);
  for (const c of CONTENDERS) {
    console.log(`${label[c].padEnd(12)}${pad(r.rtt_median_us[c], 12)}${pad(r.rtt_p99_us[c], 12)}${pad(r.rtt_mix_median_us[c], 12)}${pad(r.rtt_mix_p99_us[c], 12)}${pad(r.events_per_s[c], 12)}${pad(r.events_in_order[c], 10)}${pad(r.ready_ms[c], 10)}`);
  }
  console.log(`\n${'figure'.padEnd(28)}${pad('value', 12)}${pad('bar', 12)}  met`);
  for (const [name, op, bar] of BARS) {
    const v = r[name];
    const met = op === '<=' ? v <= bar : v >= bar;
    console.log(`${name.padEnd(28)}${pad(v, 12)}${pad(op + ' ' + bar, 12)}  ${r.smoke ? '(smoke)' : met ? 'yes' : 'NO'}${r.quick ? ' (quick)' : ''}`);
  }
  console.log(`${'rtt_mix_ratio_cil_vs_penpal'.padEnd(28)}${pad(r.rtt_mix_ratio_cil_vs_penpal, 12)}${pad('-', 12)}  (no bar)`);
  console.log(`${'bundle_gzip_bytes'.padEnd(28)}${pad(r.bundle_gzip_bytes, 12)}${pad('-', 12)}  (no bar here)`);
  console.log(`\nmix: ${r.mix.join(', ')}; payload: getChannel ${r.payload_bytes.getChannel} B JSON (2 work items), reason codes ${r.payload_bytes.getReasonCodeList} B, event ${r.payload_bytes.event} B JSON`);
  console.log(`per contender: ${CONTENDERS.map((c) => `${c} ${r.rtt_count[c]} rtt / ${r.rtt_mix_count[c]} mix / ${r.events_count[c]} ev / ${r.ready_count[c]} loads`).join(', ')}`);
  const b = r.bundle;
  console.log(`\ndrop-in: cil.js ${b.cil_js_raw} B (${b.cil_js_gzip} gz) + cil_bg.wasm ${b.cil_wasm_raw} B (${b.cil_wasm_gzip} gz); penpal.min.js ${b.penpal_raw} B (${b.penpal_gzip} gz)`);
  console.log(`memory (cil): before ${JSON.stringify(r.memory.before)} after ${JSON.stringify(r.memory.after)}`);
  const s = r.simulator;
  console.log(`\nsimulator (its own speed; the cil client in the frame; not compared with Penpal)`);
  console.log(`${'simulator_requests_per_s'.padEnd(28)}${pad(r.simulator_requests_per_s, 12)}  the mix, ${s.mix_requests} requests in ${s.mix_rounds} rounds of 7 sent at once, model reset between rounds`);
  console.log(`${'simulator_events_per_s'.padEnd(28)}${pad(r.simulator_events_per_s, 12)}  received in the frame, ${s.events_count} events of ${s.calls} calls played through the model (${s.call_events.length} events a call), in order: ${s.events_in_order}; scripted at ${s.events_scripted_per_s}/s`);
}

const results = await main();
if (!smoke && !quick) fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
const lost = Object.entries(results.events_in_order).filter(([, ok]) => !ok).map(([c]) => c);
if (!results.simulator.events_in_order) lost.push('simulator');
if (lost.length || results.page_errors) {
  console.error(`bench: events lost or out of order for ${lost.join(', ') || '-'}; page errors: ${results.page_errors || '-'}`);
  process.exit(1);
}
