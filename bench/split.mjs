// Splits each contender's round trip into where the time goes, measured in place in the
// integration frame (cold caches and all, unlike a tight loop), interleaved like the bench:
//
//   before post   from calling the request to the frame's postMessage (the client's own work)
//   post          the postMessage call itself (serialising the request, handing it to the IPC)
//   away          from postMessage returning to the response's handler starting (the host's
//                 process: its handler, its postMessage, both IPC hops and task scheduling)
//   response      from the handler starting to the awaiting code running again (deserialising
//                 the response, the client's own work, the promise)
//
// Means over `rounds` × `batch` sequential round trips per contender. Not part of the bench;
// the tool that showed where cil's round trip lost to Penpal's (see README, Performance).
//
//   node bench/split.mjs [rounds=20] [batch=250] [contenders=raw-port,penpal,cil]
import { startServers, launchBrowser } from '../tests/e2e/harness.mjs';

const rounds = Number(process.argv[2] || 20);
const batch = Number(process.argv[3] || 250);
const contenders = (process.argv[4] || 'raw-port,penpal,cil').split(',');
const isolation = () => ({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'cross-origin',
});

// In every frame: note when a MessagePort handler starts and when postMessage is called.
const INSTRUMENT = `(() => {
  const now = () => performance.now();
  const marks = self.__marks = { handler: 0, post: 0 };
  const timed = (fn) => function (e) { marks.handler = now(); return fn.call(this, e); };
  const desc = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(fn) { desc.set.call(this, typeof fn === 'function' ? timed(fn) : fn); },
  });
  const add = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (type, fn, o) {
    return add.call(this, type, type === 'message' && typeof fn === 'function' ? timed(fn) : fn, o);
  };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function () { marks.post = now(); return post.apply(this, arguments); };
  self.__split = async (call, n) => {
    const sum = { before: 0, post: 0, away: 0, response: 0, total: 0 };
    for (let i = 0; i < n; i++) {
      const t0 = now();
      const p = call();
      const t1 = now();
      await p;
      const t2 = now();
      sum.before += marks.post - t0; sum.post += t1 - marks.post;
      sum.away += marks.handler - t1; sum.response += t2 - marks.handler; sum.total += t2 - t0;
    }
    for (const k in sum) sum[k] = (sum[k] * 1000) / n;
    return sum;
  };
})();`;

const servers = await startServers({ headers: isolation });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(`${servers.originA}/bench/index.html?child=${encodeURIComponent(servers.originB)}`);
  await page.evaluate(() => benchHost.ready);
  const frame = (c) => page.frame({ name: c });
  for (const c of contenders) {
    await page.evaluate((name) => benchHost.load(name), c);
    await frame(c).evaluate(() => bench.rtt(1000));
  }
  const keys = ['before', 'post', 'away', 'response', 'total'];
  const mean = Object.fromEntries(contenders.map((c) => [c, Object.fromEntries(keys.map((k) => [k, 0]))]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      const s = await frame(c).evaluate((n) => __split(() => bench.call(), n), batch);
      for (const k of keys) mean[c][k] += s[k] / rounds;
    }
  }
  console.log(`round trip split, µs (means of ${rounds} x ${batch} per contender, measured in the frame)`);
  console.log(['contender'.padEnd(10), 'before post', '       post', '       away', '   response', '      total'].join(' '));
  for (const c of contenders) {
    console.log([c.padEnd(10), ...keys.map((k) => mean[c][k].toFixed(1).padStart(11))].join(' '));
  }
} finally {
  await browser.close();
  await servers.close();
}
