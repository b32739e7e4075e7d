// The drop-in client (dist/cil.js, one file with the wasm inside, as built by js/cil/build.sh) in a plain
// HTML page that runs the 2.7 reference's own sample code, unmodified, in an iframe of a gadget
// stand-in page (tests/fixtures/host.js), in headless Chromium; plus the cross-origin, refused
// origin, CSP and ES module cases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServers, startServer, launchBrowser, recordConsole } from './harness.mjs';

const EVENTS = {
  agentStateChange: 'onAgentStateChange',
  callVariableChanged: 'onCallVariableChanged',
  createChannel: 'onCreateChannel',
  error: 'onError',
  workitemConnect: 'onWorkitemConnect',
  workitemCreate: 'onWorkitemCreate',
  workitemEnd: 'onWorkitemEnd',
  workitemPause: 'onWorkitemPause',
  workitemResume: 'onWorkitemResume',
  workitemWrapup: 'onWorkitemWrapup',
  wrapupDataChanged: 'onWrapupDataChanged',
};
const REQUESTS = ['dialOrConsult', 'getChannel', 'getReasonCodeList', 'isUpdateWorkitemDataEnabled',
  'setAgentState', 'setWrapupReason', 'updateWorkitemData'];

let servers, browser, cspServer, latinServer;
before(async () => {
  servers = await startServers();
  cspServer = await startServer('127.0.0.1', {
    headers: (p) => (p.endsWith('/dropin.html') ? { 'content-security-policy': "script-src 'self' 'unsafe-inline'" } : {}),
  });
  // A legacy page and server: the page in windows-1252, the script said to be ISO-8859-1. The
  // drop-in carries its wasm as UTF-8 text; its byte order mark must win over both.
  latinServer = await startServer('127.0.0.1', {
    headers: (p) => {
      if (p.endsWith('.html')) return { 'content-type': 'text/html; charset=windows-1252' };
      if (p.endsWith('/cil.js')) return { 'content-type': 'text/javascript; charset=iso-8859-1' };
      return {};
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await servers?.close();
  await cspServer?.close();
  await latinServer?.close();
});

async function waitFor(lines, predicate, what, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (lines.some(predicate)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}; console:\n${lines.join('\n')}`);
}

async function runSamples(hostOrigin, frameUrl) {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    await page.goto(`${hostOrigin}/tests/e2e/pages/host.html?frame=${encodeURIComponent(frameUrl)}`);
    for (const method of REQUESTS) {
      await waitFor(lines, (l) => l.includes(`done: ${method}`), `request ${method} to resolve`);
    }
    assert.ok(lines.some((l) => l.includes('done: getChannel {"agentId":"agent-7"')), 'getChannel object');
    assert.ok(lines.some((l) => l.includes('done: getReasonCodeList [{"id":"12","label":"Lunch"}')));
    assert.ok(lines.some((l) => l.includes('done: isUpdateWorkitemDataEnabled true')));
    // Every event, raised by the gadget stand-in, reaches the sample handler.
    for (const name of Object.keys(EVENTS)) {
      await page.evaluate((n) => window.host.emit(n, n === 'error' ? { message: 'boom' } : { id: 'wi-9' }), name);
    }
    for (const [name, handler] of Object.entries(EVENTS)) {
      const marker = name === 'error' ? 'message: onError data: {"message":"boom","event":"error"' : `message: ${handler}, data: {`;
      await waitFor(lines, (l) => l.includes(marker), `event ${name}`);
    }
    // The request-triggered events carry the reference's fields and the request's requestId.
    assert.ok(lines.some((l) => l.includes('message: onWorkitemCreate') && l.includes('"requestId":"req-1"')));
    assert.ok(lines.some((l) => l.includes('message: onAgentStateChange') && l.includes('"newState":"NotReady"')));
    assert.ok(!lines.some((l) => l.startsWith('pageerror')), lines.join('\n'));
  } finally {
    await page.close();
  }
}

test('the reference sample code runs unmodified with the drop-in script (same origin)', async () => {
  await runSamples(servers.originA, `${servers.originA}/tests/e2e/pages/dropin.html`);
});

test('the drop-in works on a windows-1252 page whose server calls the script ISO-8859-1', async () => {
  await runSamples(latinServer.origin, `${latinServer.origin}/tests/e2e/pages/dropin.html`);
  const page = await browser.newPage();
  try {
    await page.goto(`${latinServer.origin}/tests/e2e/pages/dropin.html`);
    assert.equal(await page.evaluate(() => document.characterSet), 'windows-1252');
  } finally {
    await page.close();
  }
});

test('cross-origin: the gadget origin given in allowedOrigins connects', async () => {
  const frame = `${servers.originB}/tests/e2e/pages/dropin.html?gadget=${encodeURIComponent(servers.originA)}`;
  await runSamples(servers.originA, frame);
});

test('cross-origin gadget not in allowedOrigins (default: own origin) is refused', async () => {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    await page.goto(`${servers.originA}/tests/e2e/pages/host.html?frame=${encodeURIComponent(`${servers.originB}/tests/e2e/pages/dropin.html`)}`);
    // The client's syn goes to its own origin only, so this gadget never sees it; its announce
    // (repeated, in case the first one came before the wasm listened) is refused with a warning.
    const repeat = setInterval(() => page.evaluate(() => window.host.announce()).catch(() => {}), 100);
    try {
      await waitFor(lines, (l) => l.includes(`cil: ignored an announce from origin ${servers.originA}, which allowedOrigins does not list`), 'the refusal warning');
    } finally {
      clearInterval(repeat);
    }
    assert.ok(!lines.some((l) => l.includes('done: ')), 'nothing resolved');
  } finally {
    await page.close();
  }
});

test('a CSP without wasm-unsafe-eval gives WASM_UNAVAILABLE with a clear console line', async () => {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    await page.goto(`${cspServer.origin}/tests/e2e/pages/dropin.html`);
    await waitFor(lines, (l) => l.includes("cil: WebAssembly is blocked by this page's Content-Security-Policy: add 'wasm-unsafe-eval'"), 'the CSP message');
    await waitFor(lines, (l) => l.includes('message: onError data:') && l.includes('WASM_UNAVAILABLE'), 'onError with WASM_UNAVAILABLE');
    const code = await page.evaluate(() => cil.getChannel('voice').catch((e) => [e.name, e.code, e instanceof Error]));
    assert.deepEqual(code, ['CilError', 'WASM_UNAVAILABLE', true]);
    // An onError handler registered long after the failure still hears of it.
    const late = await page.evaluate(() => new Promise((resolve) => setTimeout(() => cil.onError((e) => resolve(e.code)), 200)));
    assert.equal(late, 'WASM_UNAVAILABLE');
    const instance = await page.evaluate(() => new ConnectsIntegrationLibrary({}).initIntegration().catch((e) => e.code));
    assert.equal(instance, 'WASM_UNAVAILABLE');
  } finally {
    await page.close();
  }
});

test('the ES module build and the static (ServiceNow-style) API work', async () => {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    await page.goto(`${servers.originA}/tests/e2e/pages/host.html?frame=${encodeURIComponent(`${servers.originA}/tests/e2e/pages/esm.html`)}`);
    await waitFor(lines, (l) => l.includes('esm: ready'), 'the ESM instance to connect');
    await waitFor(lines, (l) => l.includes('esm: channel voice_5000'), 'a request through the ESM build');
    await waitFor(lines, (l) => l.includes('static: ready'), 'the static initIntegration callback');
    await waitFor(lines, (l) => l.includes('static: error UNKNOWN_CHANNEL CilError'), 'a static request failing');
  } finally {
    await page.close();
  }
});
