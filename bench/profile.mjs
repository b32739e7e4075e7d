// Profiles one contender of the benchmark with Chromium's sampling profiler (CDP `Profiler`) in
// the host page and in the integration frame (a separate renderer process) at once, and prints
// the top functions by self time on each side. Not part of the bench; a tool to find out where
// time goes.
//
//   node bench/profile.mjs [contender=cil] [rtt|mix|events|scenario] [count] [--timing]
//
// contender: raw-window, raw-port, penpal, cil, or simulator (the cil client with the simulator
// as its host: rtt and mix are then rounds of the mix, as in the bench's simulator section, and
// scenario plays count calls through the simulator's model).
//
// --timing: instead of sampling, times every MessagePort `onmessage` handler and `postMessage`
// on both sides (performance.now(), 5 µs) and prints the mean per message.
import { startServers, launchBrowser } from '../tests/e2e/harness.mjs';

const contender = process.argv[2] || 'cil';
const what = process.argv[3] || 'rtt';
const count = Number(process.argv[4] || (what === 'rtt' || what === 'mix' ? 5000 : what === 'scenario' ? 2000 : 50000));
const isolation = () => ({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'cross-origin',
});

function top(profile, label, n = 25) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    const us = dt[i] || 0;
    total += us;
    self.set(key, (self.get(key) || 0) + us);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\n== ${label}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [k, us] of rows) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}

const timing = process.argv.includes('--timing');
// Wraps MessagePort onmessage handlers and postMessage with timers (page and frames alike).
const TIMING_SCRIPT = `(() => {
  const desc = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  const st = self.__timing = { handlerMs: 0, handlers: 0, postMs: 0, posts: 0, depth: 0, postInHandlerMs: 0 };
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(fn) {
      desc.set.call(this, typeof fn === 'function' ? function (e) {
        const t = performance.now(); st.depth++;
        try { return fn.call(this, e); } finally { st.depth--; st.handlerMs += performance.now() - t; st.handlers++; }
      } : fn);
    },
  });
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (...a) {
    const t = performance.now();
    try { return post.apply(this, a); } finally {
      const d = performance.now() - t; st.postMs += d; st.posts++; if (st.depth) st.postInHandlerMs += d;
    }
  };
})();`;
const servers = await startServers({ headers: isolation });
const browser = await launchBrowser({ extraArgs: ['--js-flags=--expose-gc'] });
try {
  const page = await browser.newPage();
  if (timing) await page.addInitScript(TIMING_SCRIPT);
  await page.goto(`${servers.originA}/bench/index.html?child=${encodeURIComponent(servers.originB)}`);
  await page.evaluate(() => benchHost.ready);
  await page.evaluate((c) => benchHost.load(c), contender);
  const frame = page.frame({ name: contender });
  const simulator = contender === 'simulator';
  if (simulator && what !== 'scenario') {
    await page.evaluate(() => benchHost.simSetup());
    await frame.evaluate(() => bench.simRounds(50));
  } else if (!simulator) {
    await frame.evaluate(() => bench.rtt(500));
  }
  const hostCdp = await page.context().newCDPSession(page);
  const childCdp = await page.context().newCDPSession(frame);
  const reset = () => { const st = self.__timing; if (st) for (const k of Object.keys(st)) st[k] = 0; };
  if (timing) { await page.evaluate(reset); await frame.evaluate(reset); }
  for (const s of timing ? [] : [hostCdp, childCdp]) {
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 50 });
    await s.send('Profiler.start');
  }
  const t0 = Date.now();
  if (simulator && what === 'scenario') {
    await frame.evaluate(() => bench.expect(0, null));
    await page.evaluate(() => benchHost.scenario(1));
    const pattern = (await frame.evaluate(() => bench.events())).names;
    await frame.evaluate(([k, p]) => bench.expect(k, p), [count * pattern.length, pattern]);
    const played = await page.evaluate((k) => benchHost.scenario(k), count);
    const r = await frame.evaluate(() => bench.events());
    console.log(`simulator: ${count} calls, ${r.count} events, ${r.perSecond.toFixed(0)}/s received, in order ${r.inOrder}; scripted in ${played.ms.toFixed(0)} ms (profiled)`);
  } else if (simulator) {
    const r = await frame.evaluate((k) => bench.simRounds(k), Math.ceil(count / 7));
    console.log(`simulator: ${r.requests} requests of the mix, ${((r.requests / r.ms) * 1000).toFixed(0)}/s (profiled)`);
  } else if (what === 'mix') {
    const xs = await frame.evaluate((k) => bench.mix(k), count);
    xs.sort((a, b) => a - b);
    console.log(`${contender}: ${count} round trips of the mix, median ${xs[xs.length >> 1].toFixed(0)} µs (profiled)`);
  } else if (what === 'rtt') {
    const xs = await frame.evaluate((k) => bench.rtt(k), count);
    xs.sort((a, b) => a - b);
    console.log(`${contender}: ${count} rtt, median ${xs[xs.length >> 1].toFixed(0)} µs (profiled)`);
  } else {
    await frame.evaluate((k) => bench.expect(k), count);
    await page.evaluate(([c, k]) => benchHost.blast(c, k), [contender, count]);
    const r = await frame.evaluate(() => bench.events());
    console.log(`${contender}: ${r.count} events, ${r.perSecond.toFixed(0)}/s in order ${r.inOrder} (profiled)`);
  }
  console.log(`wall ${Date.now() - t0} ms`);
  if (timing) {
    for (const [label, ctx] of [['host page', page], ['integration frame', frame]]) {
      const st = await ctx.evaluate(() => self.__timing);
      const per = (ms, n) => (n ? ((ms / n) * 1000).toFixed(1) : '-');
      console.log(`${label}: ${st.handlers} port handlers, mean ${per(st.handlerMs, st.handlers)} µs each ` +
        `(of which postMessage inside ${per(st.postInHandlerMs, st.handlers)} µs); ${st.posts} postMessage, mean ${per(st.postMs, st.posts)} µs`);
    }
    process.exit(0);
  }
  const host = (await hostCdp.send('Profiler.stop')).profile;
  const child = (await childCdp.send('Profiler.stop')).profile;
  top(host, 'host page (127.0.0.1)');
  top(child, 'integration frame (localhost)');
} finally {
  await browser.close();
  await servers.close();
}
