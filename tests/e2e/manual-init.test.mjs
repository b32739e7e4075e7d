// connects-cil/manual (dist/esm/manual.js, from js/cil/manual.js): the ES module started with the
// WebAssembly the page hands over (bytes, an ArrayBuffer, a compiled WebAssembly.Module), in a
// frame whose CSP forbids every fetch (connect-src 'none'), hosted by the gadget stand-in
// (tests/fixtures/host.js) in headless Chromium. Also: bad bytes, and the fetch that such a CSP
// blocks, give the WASM_UNAVAILABLE stand-in with a console line, never a throw.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/manual-init.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'none'";
let server;
let browser;
let base64;

before(async () => {
  const wasm = path.join(ROOT, 'dist', 'esm', 'cil_bg.wasm');
  assert.ok(fs.existsSync(wasm), 'dist/esm/cil_bg.wasm missing: run npm run build first');
  base64 = fs.readFileSync(wasm).toString('base64');
  server = await startServer('127.0.0.1', {
    headers: (p) => (p.endsWith('/manual.html') ? { 'content-security-policy': CSP } : {}),
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(mode) {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  const wasmRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(r.url()); });
  await page.addInitScript(`window.CIL_WASM_BASE64 = ${JSON.stringify(base64)};`);
  const frame = `${server.origin}/tests/e2e/pages/manual.html?mode=${mode}`;
  await page.goto(`${server.origin}/tests/e2e/pages/host.html?frame=${encodeURIComponent(frame)}`);
  const wait = async (text) => {
    const end = Date.now() + 10000;
    while (Date.now() < end) {
      if (lines.some((l) => l.includes(text))) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for "${text}"; console:\n${lines.join('\n')}`);
  };
  return { page, lines, wasmRequests, wait };
}

for (const [mode, what] of [['bytes', 'a Uint8Array'], ['module', 'a WebAssembly.Module'], ['sync', 'an ArrayBuffer, synchronously']]) {
  test(`init from ${what} under connect-src 'none': requests go through, no .wasm fetched`, async () => {
    const { page, lines, wasmRequests, wait } = await open(mode);
    try {
      await wait('manual: same true true');
      await wait('manual: channel voice_5000');
      await wait('manual: error UNKNOWN_CHANNEL true');
      assert.deepEqual(wasmRequests, []);
      assert.ok(!lines.some((l) => l.startsWith('pageerror') || l.includes('WASM_UNAVAILABLE')), lines.join('\n'));
    } finally {
      await page.close();
    }
  });
}

test('bad bytes give the WASM_UNAVAILABLE stand-in and a console line, not a throw', async () => {
  const { page, lines, wait } = await open('bad');
  try {
    await wait('cil: could not load the cil WebAssembly module');
    await wait('manual: error WASM_UNAVAILABLE true');
    assert.ok(!lines.some((l) => l.startsWith('pageerror')), lines.join('\n'));
  } finally {
    await page.close();
  }
});

test("init() fetching cil_bg.wasm is what connect-src 'none' blocks: WASM_UNAVAILABLE", async () => {
  const { page, wait } = await open('fetch');
  try {
    await wait('violates the following Content Security Policy directive: "connect-src \'none\'"');
    await wait('cil: could not load the cil WebAssembly module: Failed to fetch');
    await wait('manual: error WASM_UNAVAILABLE true');
  } finally {
    await page.close();
  }
});
