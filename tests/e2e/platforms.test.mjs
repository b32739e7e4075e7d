// The deployment rules docs/platforms.md states, in headless Chromium with the integration frame
// on another origin than the gadget stand-in (tests/fixtures/host.js), each under the CSP the
// document gives for it:
//   * the one-file drop-in needs `'wasm-unsafe-eval'` (or `'unsafe-eval'`) and no connect-src;
//   * the ES module fetches cil_bg.wasm, so connect-src must allow it;
//   * loaded the way Lightning Web Security loads scripts (fetch + eval, no
//     document.currentScript) the drop-in sees no data-* attributes: window.CIL_OPTIONS works.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/platforms.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const CSP = {
  wasm: "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'none'",
  eval: "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; connect-src 'none'",
  'esm-none': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'none'",
  'esm-self': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'self'",
  lws: "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; connect-src 'self'",
};
let servers;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cil.js')), 'run npm run build first');
  servers = await startServers({
    headers: (p, url) => (p.endsWith('/platforms.html') ? { 'content-security-policy': CSP[url.searchParams.get('csp')] } : {}),
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await servers?.close();
});

/**
 * Opens the frame (on originB) in the gadget stand-in (on originA) and waits for a console line
 * matching `until`; resolves with the console. `announce`: the gadget announces itself every
 * 100 ms (a client that starts late has missed the first announce).
 */
async function frame(query, until, { announce = false } = {}) {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    const url = `${servers.originB}/tests/e2e/pages/platforms.html?${query}&gadget=${encodeURIComponent(servers.originA)}`;
    await page.goto(`${servers.originA}/tests/e2e/pages/host.html?frame=${encodeURIComponent(url)}`);
    const repeat = announce && setInterval(() => page.evaluate(() => window.host.announce()).catch(() => {}), 100);
    const end = Date.now() + 12000;
    while (Date.now() < end && !lines.some(until)) await new Promise((r) => setTimeout(r, 25));
    clearInterval(repeat);
    assert.ok(lines.some(until), `no outcome; console:\n${lines.join('\n')}`);
    return lines;
  } finally {
    await page.close();
  }
}
const outcome = (l) => l.includes('platforms: channel') || l.includes('platforms: error');

test("drop-in: script-src 'wasm-unsafe-eval' is enough, with connect-src 'none'", async () => {
  const lines = await frame('load=tag&csp=wasm', outcome);
  assert.ok(lines.some((l) => l.includes('platforms: channel voice_5000')), lines.join('\n'));
});

test("drop-in: script-src 'unsafe-eval' allows the WebAssembly too", async () => {
  const lines = await frame('load=tag&csp=eval', outcome);
  assert.ok(lines.some((l) => l.includes('platforms: channel voice_5000')), lines.join('\n'));
});

test("ES module: connect-src must allow cil_bg.wasm ('none': WASM_UNAVAILABLE, 'self': connects)", async () => {
  const blocked = await frame('load=esm&csp=esm-none', outcome);
  assert.ok(blocked.some((l) => l.includes('violates the following Content Security Policy directive: "connect-src')), blocked.join('\n'));
  assert.ok(blocked.some((l) => l.includes('platforms: error WASM_UNAVAILABLE')), blocked.join('\n'));
  const allowed = await frame('load=esm&csp=esm-self', outcome);
  assert.ok(allowed.some((l) => l.includes('platforms: channel voice_5000')), allowed.join('\n'));
});

test('loaded by fetch + eval (as under LWS): no currentScript, window.CIL_OPTIONS configures it', async () => {
  const lines = await frame('load=eval&csp=lws&options=1', outcome);
  assert.ok(lines.some((l) => l.includes('platforms: currentScript null')), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('platforms: channel voice_5000')), lines.join('\n'));
});

test('loaded by fetch + eval without window.CIL_OPTIONS: only its own origin is allowed, the gadget is refused', async () => {
  const refusal = (l) => l.includes(`cil: ignored an announce from origin ${servers.originA}, which allowedOrigins does not list`);
  const lines = await frame('load=eval&csp=lws', refusal, { announce: true });
  assert.ok(!lines.some((l) => l.includes('platforms: channel')), lines.join('\n'));
});
