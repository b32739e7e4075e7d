// The npm package as a CRM developer gets it (issue 13): `npm pack` of this project, the tarball
// installed into throwaway projects under .cache/package-test/, and there
//   * webpack 5 and Vite, with no configuration at all, bundle an integration page that does
//     `import ConnectsIntegrationLibrary, { CilError } from 'connects-cil'` and a gadget page that
//     imports the simulator (`connects-cil/simulator`); each pair runs in headless Chromium on two
//     origins (the gadget hosting the integration frame): a request round trip, a refused request
//     rejecting with a CilError, and an event from the gadget;
//   * the Vite dev server serves the same integration page, hosted by the Vite-built gadget;
//   * the tarball's own drop-in files (dist/cil.js, dist/gadget-simulator.js) work in plain pages;
//   * tsc compiles consumers against the installed typings with moduleResolution "bundler" and
//     "node16" (the ES module, connects-cil/manual, connects-cil/simulator, the drop-in's
//     globals from connects-cil/dropin, and connects-cil/testing);
//   * Node resolves `connects-cil/testing` (the Playwright test kit) in a throwaway project, and
//     the installed kit hosts a page using the installed drop-in client in Chromium.
// webpack, Vite and TypeScript are this project's dev dependencies, run from its node_modules;
// the tarball has no dependencies, so its installs need no network.
//
// Needs `npm run build` (dist/). Run: node --test tests/e2e/package.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, recordConsole, ROOT } from './harness.mjs';

const WORK = path.join(ROOT, '.cache', 'package-test');
const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'pages', 'package');
const BIN = {
  webpack: path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
  vite: path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  tsc: path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
};
const ICON = '<link rel="icon" href="data:,">';

let tarball;
let packed;
let browser;
const servers = [];

/**
 * Runs a command; resolves with `{ stdout, output }` (output: stdout and stderr as they came),
 * rejects with the output when the exit code is not 0.
 */
function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d) => { stdout += d; output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0
      ? resolve({ stdout, output })
      : reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`))));
  });
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A throwaway project with the tarball installed, as `npm install <tarball>` leaves it. */
async function project(name, pkg = {}) {
  const dir = path.join(WORK, name);
  write(path.join(dir, 'package.json'), JSON.stringify({ name: `${name}-consumer`, version: '1.0.0', private: true, ...pkg }, null, 2));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir);
  return dir;
}

/** The integration page and the gadget page of a bundler project (each its own folder). */
function pages(dir, script) {
  write(path.join(dir, 'client', 'src', 'index.js'), fs.readFileSync(path.join(FIXTURES, 'client.js')));
  write(path.join(dir, 'gadget', 'src', 'index.js'), fs.readFileSync(path.join(FIXTURES, 'gadget.js')));
  for (const side of ['client', 'gadget']) {
    write(path.join(dir, side, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">${ICON}</head><body>${script}</body></html>\n`);
  }
}

async function serve(host, root) {
  const server = await startServer(host, { root });
  servers.push(server);
  return server.origin;
}

/**
 * Opens the gadget page (on 127.0.0.1) hosting the integration page at `clientUrl` (on
 * localhost), waits for both, makes the simulator ring, and returns what the page saw.
 */
async function roundTrip(gadgetUrl, clientUrl) {
  const page = await browser.newPage();
  const lines = recordConsole(page);
  try {
    const gadgetOrigin = new URL(gadgetUrl).origin;
    const frameUrl = `${clientUrl}?gadget=${encodeURIComponent(gadgetOrigin)}`;
    await page.goto(`${gadgetUrl}?frame=${encodeURIComponent(frameUrl)}`);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 15000 });
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 15000 }).catch((e) => {
      throw new Error(`${e.message}\nconsole:\n${lines.join('\n')}`);
    });
    await page.evaluate(() => window.sim.incomingCall({ ani: '+41 44 555 01 02' }));
    await frame.waitForFunction(() => window.result.events.length > 0, null, { timeout: 5000 });
    const result = await frame.evaluate(() => window.result);
    assert.deepEqual(result.refused, { isCilError: true, name: 'CilError', code: 'UNKNOWN_CHANNEL' });
    assert.equal(result.agentId, '1001', 'getChannel answered by the simulator');
    assert.deepEqual(result.events, [{ event: 'workitemCreate', ani: '+41 44 555 01 02' }]);
    assert.deepEqual(lines.filter((l) => l.startsWith('error') || l.startsWith('pageerror')), []);
    return result;
  } finally {
    await page.close();
  }
}

before(async () => {
  for (const f of ['cil.js', 'esm/index.js', 'gadget-simulator.js', 'simulator-esm/index.js']) {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', f)), `dist/${f} missing: run npm run build first`);
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  [packed] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', WORK], ROOT)).stdout);
  tarball = path.join(WORK, packed.filename);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

test('npm pack: the built client, its typings, maps and licences; no sources', () => {
  const files = packed.files.map((f) => f.path);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const targets = [];
  const walk = (e) => (typeof e === 'string' ? targets.push(e.replace(/^\.\//, '')) : Object.values(e).forEach(walk));
  walk(pkg.exports);
  for (const t of [...targets, pkg.main.slice(2), pkg.types.slice(2)]) assert.ok(files.includes(t), `${t} is not in the tarball`);
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'README.md', 'docs/platforms.md', 'docs/testing-kit.md', 'dist/cil.d.ts',
    'dist/esm/package.json', 'dist/simulator-esm/package.json', 'dist/testing/package.json', 'dist/testing/host.html', 'dist/testing/host.js']) {
    assert.ok(files.includes(f), `${f} is not in the tarball`);
  }
  // The test kit (dist/testing/) ships its sources as written: they are their own map.
  for (const js of files.filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !f.includes('simulator') && !f.startsWith('dist/testing/'))) {
    assert.ok(files.includes(`${js}.map`), `${js} has no source map`);
  }
  const sources = files.filter((f) => /^(src|crates|tests|bench|js|fuzz|scripts|www)\//.test(f) || f.endsWith('.rs'));
  assert.deepEqual(sources, [], 'sources in the tarball');
});

test('webpack 5, no config: bare import of connects-cil and connects-cil/simulator, round trip and event in Chromium', async () => {
  const dir = await project('webpack');
  pages(dir, '<script src="dist/main.js"></script>');
  for (const side of ['client', 'gadget']) {
    const { output } = await run(process.execPath, [BIN.webpack, '--mode', 'production', '--no-color'], path.join(dir, side));
    assert.match(output, /compiled (successfully|with \d+ warnings?)/);
  }
  assert.ok(fs.readdirSync(path.join(dir, 'client', 'dist')).some((f) => f.endsWith('.wasm')), 'webpack emitted cil_bg.wasm');
  const gadget = await serve('127.0.0.1', path.join(dir, 'gadget'));
  const client = await serve('localhost', path.join(dir, 'client'));
  await roundTrip(`${gadget}/index.html`, `${client}/index.html`);
});

async function viteProject() {
  const dir = path.join(WORK, 'vite');
  if (fs.existsSync(path.join(dir, 'gadget', 'dist'))) return dir;
  await project('vite', { type: 'module' });
  pages(dir, '<script type="module" src="/src/index.js"></script>');
  for (const side of ['client', 'gadget']) {
    const { output } = await run(process.execPath, [BIN.vite, 'build'], path.join(dir, side));
    assert.match(output, /built in/);
  }
  return dir;
}

test('Vite, no config: bare import of connects-cil and connects-cil/simulator, round trip and event in Chromium', async () => {
  const dir = await viteProject();
  assert.ok(fs.readdirSync(path.join(dir, 'client', 'dist', 'assets')).some((f) => f.endsWith('.wasm')), 'Vite emitted cil_bg.wasm');
  const gadget = await serve('127.0.0.1', path.join(dir, 'gadget', 'dist'));
  const client = await serve('localhost', path.join(dir, 'client', 'dist'));
  await roundTrip(`${gadget}/index.html`, `${client}/index.html`);
});

test('Vite dev server, no config: the same integration page, served unbundled', async () => {
  const dir = await viteProject();
  const gadget = await serve('127.0.0.1', path.join(dir, 'gadget', 'dist'));
  const dev = spawn(process.execPath, [BIN.vite, '--host', 'localhost', '--port', '0', '--strictPort'], {
    cwd: path.join(dir, 'client'),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${out}`)), 20000);
      const seen = (d) => {
        out += d;
        const m = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      };
      dev.stdout.on('data', seen);
      dev.stderr.on('data', seen);
      dev.on('exit', (code) => reject(new Error(`vite dev exited ${code}:\n${out}`)));
    });
    await roundTrip(`${gadget}/index.html`, `${url}/index.html`);
  } finally {
    dev.kill();
  }
});

test("the tarball's drop-in files: dist/cil.js with data-allowed-origins, hosted by dist/gadget-simulator.js", async () => {
  const dir = path.join(WORK, 'dropin');
  fs.mkdirSync(dir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', dir], dir);
  const pkg = path.join(dir, 'package');
  const gadget = await serve('127.0.0.1', pkg);
  const client = await serve('localhost', pkg);
  // The README's quick start: a static script tag naming the gadget's origin.
  write(path.join(pkg, 'client.html'), `<!doctype html><html><head><meta charset="utf-8">${ICON}</head><body>
<script src="dist/cil.js" data-allowed-origins="${gadget}"></script>
<script>
  window.result = { events: [], errors: [] };
  cil.onWorkitemCreate(function (d) { window.result.events.push({ event: d.event, ani: d.ani }); });
  cil.initIntegration(function () {
    cil.getChannel('voice').then(function (ch) {
      window.result.agentId = ch.agentId;
      return cil.getChannel('voice_404');
    }).catch(function (e) {
      window.result.refused = { isCilError: e instanceof CilError, name: e.name, code: e.code };
      document.body.dataset.ready = 'true';
    });
  });
</script></body></html>
`);
  write(path.join(pkg, 'gadget.html'), `<!doctype html><html><head><meta charset="utf-8">${ICON}
<script src="dist/gadget-simulator.js"></script></head><body>
<script>
  GadgetSimulator.create({ initialState: 'Ready' }).then(function (sim) {
    window.sim = sim;
    sim.createFrame(document.body, new URLSearchParams(location.search).get('frame'));
    document.body.dataset.ready = 'true';
  });
</script></body></html>
`);
  await roundTrip(`${gadget}/gadget.html`, `${client}/client.html`);
});

for (const resolution of ['bundler', 'node16', 'nodenext']) {
  test(`TypeScript, moduleResolution "${resolution}": the installed typings (ES module, manual, simulator, drop-in globals, testing)`, async () => {
    const dir = path.join(WORK, `ts-${resolution}`);
    await project(`ts-${resolution}`, { type: 'module' });
    for (const f of ['esm-consumer.ts', 'dropin-consumer.ts', 'kit-consumer.ts']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    write(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        module: resolution === 'bundler' ? 'esnext' : resolution,
        moduleResolution: resolution,
        types: [],
      },
      files: ['esm-consumer.ts', 'dropin-consumer.ts', 'kit-consumer.ts'],
    }, null, 2));
    await run(process.execPath, [BIN.tsc, '-p', 'tsconfig.json'], dir);
    // And the typings are really the package's: a wrong call is refused.
    write(path.join(dir, 'wrong.ts'), "import { cil } from 'connects-cil';\nexport const p = cil.getReasonCodeList('voice', 'Lunch');\n");
    write(path.join(dir, 'tsconfig.wrong.json'), JSON.stringify({ extends: './tsconfig.json', files: ['wrong.ts'] }));
    await assert.rejects(run(process.execPath, [BIN.tsc, '-p', 'tsconfig.wrong.json'], dir), /wrong\.ts.*"Lunch"/s);
  });
}

test('connects-cil/testing: Node resolves it in a throwaway project, and the installed kit hosts a page using the installed client', async () => {
  const dir = await project('kit', { type: 'module' });
  // Node's own resolution of the bare specifier, from the project (the package's exports).
  write(path.join(dir, 'resolve.mjs'), "const kit = await import('connects-cil/testing');\n"
    + "console.log(JSON.stringify({ url: import.meta.resolve('connects-cil/testing'), exports: Object.keys(kit).sort() }));\n");
  const { stdout } = await run(process.execPath, ['resolve.mjs'], dir);
  const resolved = JSON.parse(stdout);
  assert.equal(fileURLToPath(resolved.url), path.join(dir, 'node_modules', 'connects-cil', 'dist', 'testing', 'index.js'));
  assert.deepEqual(resolved.exports, ['DEFAULT_CONNECT_TIMEOUT', 'DEFAULT_TIMEOUT', 'Gadget', 'GadgetTimeoutError', 'SimulatorError', 'openGadget']);
  // The installed kit, run: it serves the installed simulator; the page uses the installed cil.js.
  const { openGadget } = await import(resolved.url);
  write(path.join(dir, 'site', 'index.html'), `<!doctype html><html><head><meta charset="utf-8">${ICON}
<script>window.CIL_OPTIONS = { allowedOrigins: [new URLSearchParams(location.search).get('gadget')] };</script>
<script src="/node_modules/connects-cil/dist/cil.js"></script></head><body>
<script>
  cil.onWorkitemCreate(function (d) { document.body.dataset.ani = d.ani; });
  cil.initIntegration(function () { cil.getChannel('voice'); });
</script></body></html>
`);
  const site = await serve('localhost', dir);
  const page = await browser.newPage();
  try {
    const gadget = await openGadget(page, { integration: ({ origin }) => `${site}/site/index.html?gadget=${encodeURIComponent(origin)}`, initialState: 'Ready' });
    try {
      assert.equal((await gadget.nextRequest('getChannel')).params.channelId, 'voice');
      await gadget.incomingCall({ ani: '+41 44 555 01 03' });
      await gadget.frame.waitForSelector('body[data-ani="+41 44 555 01 03"]', { state: 'attached', timeout: 5000 });
    } finally {
      await gadget.close();
    }
  } finally {
    await page.close();
  }
});
