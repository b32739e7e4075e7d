//! connects-cil/testing: run your own integration page inside the simulated b+s Connects gadget
//! from Playwright, and script the contact center from your tests.
//!
//! `openGadget(page, { integration })` starts a loopback HTTP server (127.0.0.1, a port of its
//! own) that serves a gadget host page with the gadget simulator, opens it in the Playwright
//! `page` you pass, and loads your integration page (any URL, normally your dev server on
//! another origin) in the gadget's iframe, as b+s Connects would. It resolves once the `cil` in
//! your page has connected. The returned `Gadget`:
//!
//! * scripts the gadget from Node (`incomingCall`, `answer`, `hold`, `hangUp`, faults, `reload`,
//!   `play(scenario)`…): each action resolves once the gadget has sent what the action causes
//!   (the simulator's log holds its entries), or rejects with the simulator's refusal;
//! * tells what the integration did: `nextRequest(method)`, `requests()`, `responseTo(request)`,
//!   `nextEvent(name)`, `events()` and the whole message log, `messages()`. The log streams from
//!   the page to Node as it is written, so nothing here polls; every wait is bounded and its
//!   error names what it waited for and what arrived instead.
//!
//! No state is shared between gadgets: each has its own server, page and log, so a test file
//! may open several, one after another or at once (one per page). The kit does not import
//! Playwright: it uses the `page` you give it (`@playwright/test` or `playwright-core`).
//!
//! Files it serves: host.html and host.js (beside this file) and the drop-in simulator,
//! `../gadget-simulator.js` with its `.wasm` (this file ships as dist/testing/index.js). The
//! client, `cil.js`, is your page's business: serve it with your page.
import http from 'node:http';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Default bound, in ms, of every wait of a gadget (an action's log, `nextRequest`, …). */
export const DEFAULT_TIMEOUT = 5000;
/** Default bound, in ms, of the wait for the integration's `cil` to connect. */
export const DEFAULT_CONNECT_TIMEOUT = 15000;

const KIT_OPTIONS = ['integration', 'timeout', 'connectTimeout', 'connect', 'port'];

const FILES = {
  '/': { url: new URL('./host.html', import.meta.url), type: 'text/html; charset=utf-8' },
  '/host.js': { url: new URL('./host.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/gadget-simulator.js': { url: new URL('../gadget-simulator.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/gadget-simulator_bg.wasm': { url: new URL('../gadget-simulator_bg.wasm', import.meta.url), type: 'application/wasm' },
};

/**
 * A bounded wait that ran out. `message` says what was awaited and what arrived instead;
 * `awaited` and `seen` hold the same as data.
 */
export class GadgetTimeoutError extends Error {
  /**
   * @param {string} message
   * @param {{ awaited: string, seen: string[] }} detail
   */
  constructor(message, { awaited, seen }) {
    super(message);
    this.name = 'GadgetTimeoutError';
    this.awaited = awaited;
    this.seen = seen;
  }
}

/** The simulator refused an action (`code` as in docs/simulator-api.md, e.g. `UNKNOWN_WORKITEM`). */
export class SimulatorError extends Error {
  /**
   * @param {string} message
   * @param {string | undefined} code
   */
  constructor(message, code) {
    super(message);
    this.name = 'SimulatorError';
    this.code = code;
  }
}

/** `value` for an error message: short, and unambiguous about its type. */
function show(value) {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : `an object (${Object.keys(value).slice(0, 5).join(', ') || 'no keys'})`;
  return `${typeof value} ${String(value)}`;
}

/** Checks a millisecond bound given by the caller. */
function checkMs(where, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${where}: expected a positive number of milliseconds, got ${show(value)}`);
  }
  return value;
}

/** The integration's URL, checked: absolute http(s). */
function checkUrl(where, value) {
  const hint = "the URL of your integration page, e.g. 'http://localhost:3000/crm.html'";
  if (typeof value !== 'string' && !(value instanceof URL)) {
    throw new TypeError(`${where}: expected ${hint} (a string or URL) or a function ({ origin }) => URL, got ${show(value)}`);
  }
  let url;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(`${where}: expected ${hint}, an absolute URL, got ${show(String(value))}, which is not one`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${where}: expected an http: or https: URL (${hint}), got ${show(String(value))}`);
  }
  return url.href;
}

/** Splits `openGadget`'s options into the kit's own and the simulator's, checking the kit's. */
function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`openGadget: options: expected an object such as { integration: 'http://localhost:3000/crm.html' }, got ${show(options)}`);
  }
  if (options.integration === undefined) {
    throw new TypeError("openGadget: options.integration: missing; expected the URL of your integration page, e.g. 'http://localhost:3000/crm.html', or a function ({ origin }) => URL");
  }
  const integration = typeof options.integration === 'function' ? options.integration : checkUrl('openGadget: options.integration', options.integration);
  const timeout = checkMs('openGadget: options.timeout', options.timeout) ?? DEFAULT_TIMEOUT;
  const connectTimeout = checkMs('openGadget: options.connectTimeout', options.connectTimeout) ?? DEFAULT_CONNECT_TIMEOUT;
  if (options.connect !== undefined && typeof options.connect !== 'boolean') {
    throw new TypeError(`openGadget: options.connect: expected true (wait for the integration to connect, the default) or false, got ${show(options.connect)}`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`openGadget: options.port: expected a port number (0 to 65535; 0, the default, lets the system pick a free one), got ${show(options.port)}`);
  }
  const simulator = {};
  for (const [key, value] of Object.entries(options)) if (!KIT_OPTIONS.includes(key)) simulator[key] = value;
  return { integration, timeout, connectTimeout, connect: options.connect ?? true, port, simulator };
}

/** Whether `page` looks like a Playwright Page (the kit uses only these methods). */
function checkPage(page) {
  const needed = ['goto', 'evaluate', 'waitForSelector', 'on', 'off', 'isClosed', 'mainFrame'];
  const missing = page && typeof page === 'object' ? needed.filter((m) => typeof page[m] !== 'function') : needed;
  if (missing.length) {
    throw new TypeError(`openGadget: page: expected a Playwright Page (from @playwright/test or playwright-core), got ${show(page)}${page && typeof page === 'object' ? ` without ${missing.join(', ')}` : ''}`);
  }
  if (page.isClosed()) throw new TypeError('openGadget: page: the page is closed');
}

/** Reads the files the gadget page needs; a missing one means the package was not built. */
async function readFiles() {
  const out = new Map();
  for (const [route, { url, type }] of Object.entries(FILES)) {
    try {
      out.set(route, { body: await fs.readFile(url), type });
    } catch {
      throw new Error(`openGadget: ${fileURLToPath(url)} is missing: connects-cil/testing serves the drop-in simulator from the package's dist/ (run \`npm run build\` in a checkout of connects-cil)`);
    }
  }
  return out;
}

/** Starts the gadget's loopback server; resolves `{ origin, close }`. */
async function startServer(files, port) {
  const server = http.createServer((req, res) => {
    const file = files.get(new URL(req.url, 'http://x').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', (e) => reject(e.code === 'EADDRINUSE'
      ? new Error(`openGadget: options.port: port ${port} on 127.0.0.1 is in use (another gadget that was not closed, or another server); close it or pick another port`)
      : e));
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      // A browser keeps idle connections open; without this, close() would wait for them.
      server.closeAllConnections();
    }),
  };
}

/** A request entry of the log as a test reads it. */
function asRequest(e) {
  const params = e.message && typeof e.message.params === 'object' && e.message.params !== null ? e.message.params : {};
  return {
    method: e.message?.method,
    params,
    requestId: typeof params.requestId === 'string' ? params.requestId : undefined,
    id: e.message?.id,
    conn: e.conn,
    frame: e.frame,
    seq: e.seq,
    time: e.time,
    note: e.note,
  };
}

/** An event entry of the log as a test reads it. */
function asEvent(e) {
  const data = e.message?.data;
  return {
    name: e.message?.name,
    data,
    requestId: data && typeof data.requestId === 'string' ? data.requestId : undefined,
    conn: e.conn,
    seq: e.seq,
    time: e.time,
    note: e.note,
  };
}

/** The 2.7 reference's positional arguments per request, to show a request as it was called. */
const ARGUMENTS = {
  dialOrConsult: ['channelId', 'address'],
  getChannel: ['channelId'],
  getReasonCodeList: ['channelId', 'reasonType'],
  isUpdateWorkitemDataEnabled: ['channelId', 'workitemId'],
  setAgentState: ['channelId', 'state', 'reasonCode'],
  setWrapupReason: ['channelId', 'workitemId', 'wrapUpReason'],
  updateWorkitemData: ['channelId', 'workitemId', 'updatedData'],
};

/** One line per request for error messages, as the integration called it: `setAgentState("voice", "Ready", "")`. */
function describeRequest(r) {
  const names = ARGUMENTS[r.method] ?? Object.keys(r.params).filter((k) => k !== 'requestId');
  const args = names.map((k) => JSON.stringify(r.params[k]) ?? 'undefined');
  if (r.requestId !== undefined) args.push(JSON.stringify(r.requestId));
  return `${r.method}(${args.join(', ')})`;
}

/** One line per event for error messages: `workitemCreate(Offered)`. */
function describeEvent(ev) {
  const d = ev.data || {};
  const state = d.newState || d.state || d.dataState || d.teamDataState;
  return state ? `${ev.name}(${state})` : ev.name;
}

/**
 * Opens the simulated gadget in `page` with your integration page in its frame, and resolves
 * once the integration's `cil` has connected (unless `connect: false`).
 *
 * The integration page must allow the gadget's origin, `gadget.origin`
 * (`http://127.0.0.1:<port>`): list it in `data-allowed-origins` or `allowedOrigins`. With the
 * default `port: 0` the port is new each time, so either pass `integration` as a function of
 * the origin (`({ origin }) => url`) or fix `port` and configure your page with that origin.
 *
 * @param {import('./index.js').PlaywrightPage} page a Playwright Page; the gadget navigates it
 * @param {import('./index.js').GadgetOptions} options `integration` (required), the kit's
 *   `timeout`, `connectTimeout`, `connect`, `port`, and any simulator option
 *   (docs/simulator-api.md, "Creating")
 * @returns {Promise<Gadget>}
 */
export async function openGadget(page, options) {
  checkPage(page);
  const opts = checkOptions(options);
  const files = await readFiles();
  const server = await startServer(files, opts.port);
  let integration;
  try {
    integration = typeof opts.integration === 'function'
      ? checkUrl('openGadget: options.integration (the URL your function returned)', await opts.integration({ origin: server.origin }))
      : opts.integration;
    if (new URL(integration).origin === server.origin) {
      throw new TypeError(`openGadget: options.integration: ${integration} is on the gadget's own origin; serve your page from another origin, as b+s Connects does`);
    }
  } catch (e) {
    await server.close();
    throw e;
  }
  const gadget = new Gadget(page, server, integration, opts);
  try {
    await gadget._start(opts.simulator);
    if (opts.connect) await gadget.waitForConnection({ timeout: opts.connectTimeout });
  } catch (e) {
    await gadget.close();
    throw e;
  }
  return gadget;
}

/**
 * A simulated gadget hosting your integration page. Made by `openGadget`; `close()` it when the
 * test is done (it does not close the page).
 */
export class Gadget {
  #page;
  #server;
  #timeout;
  #entries = [];
  #lastSeq = 0;
  #waiters = new Set();
  #taken = new Set();
  #console = [];
  #listeners = [];
  #closed = false;
  #lost = null;
  #frame = null;
  #iframe = null;

  /** @internal Use `openGadget`. */
  constructor(page, server, integration, { timeout }) {
    this.#page = page;
    this.#server = server;
    this.#timeout = timeout;
    /** The gadget's origin, `http://127.0.0.1:<port>`: the origin your page must allow. */
    this.origin = server.origin;
    /** The gadget host page's URL. */
    this.url = `${server.origin}/`;
    /** Your integration page's URL, as loaded in the gadget's frame. */
    this.integration = integration;
  }

  /** The Playwright page the gadget runs in. */
  get page() {
    return this.#page;
  }

  /**
   * Your integration page's Playwright Frame (click, fill, read it as any frame). Also reachable
   * as `page.frameLocator('#integration')`.
   */
  get frame() {
    return this.#frame;
  }

  /** @internal Loads the host page, creates the simulator and the integration frame. */
  async _start(simulatorOptions) {
    const page = this.#page;
    const onConsole = (m) => {
      const where = m.location?.().url || '';
      this.#console.push(`${m.type()}: ${m.text()}${where && !where.startsWith(this.origin) ? ` (${where})` : ''}`);
    };
    const onError = (e) => this.#console.push(`pageerror: ${e.message}`);
    page.on('console', onConsole);
    page.on('pageerror', onError);
    this.#listeners.push(['console', onConsole], ['pageerror', onError]);
    await page.goto(this.url, { waitUntil: 'load' });
    const started = await page.evaluate((config) => window.__connectsCilTesting.start(config), {
      options: simulatorOptions,
      integration: this.integration,
    });
    if (!started.ok) {
      throw new TypeError(`openGadget: the simulator refused its options: ${started.error.message}`);
    }
    this.#drain();
    this.#iframe = await page.waitForSelector('iframe#integration', { state: 'attached', timeout: this.#timeout });
    this.#frame = await this.#iframe.contentFrame();
  }

  /** Long-polls the page for log entries until the gadget closes or the page goes away. */
  async #drain() {
    while (!this.#closed) {
      let batch;
      try {
        batch = await this.#page.evaluate(() => window.__connectsCilTesting.drain());
      } catch (e) {
        if (!this.#closed) this.#goneAway(`the gadget page went away (${String(e.message).split('\n')[0]})`);
        return;
      }
      for (const entry of batch.entries) this.#add(entry);
      // Once per batch: a batch is what one action (or one incoming message) logged.
      if (batch.entries.length) for (const w of [...this.#waiters]) w.check();
      if (batch.closed) return;
    }
  }

  #add(entry) {
    // Entries arrive in order; keep the array sorted by seq even if a batch ever did not.
    let i = this.#entries.length;
    while (i > 0 && this.#entries[i - 1].seq > entry.seq) i--;
    this.#entries.splice(i, 0, entry);
    if (entry.seq > this.#lastSeq) this.#lastSeq = entry.seq;
  }

  #goneAway(why) {
    this.#lost = why;
    for (const w of [...this.#waiters]) w.fail(why);
  }

  #assertOpen(what) {
    if (this.#closed) throw new Error(`${what}: the gadget is closed`);
    if (this.#lost) throw new Error(`${what}: ${this.#lost}`);
  }

  /**
   * Waits, up to `timeout` ms, for `find()` to return something other than undefined; it is
   * asked now and after every new log entry. On timeout the error says `awaited` and `seen()`.
   */
  #waitFor(what, awaited, find, seen, timeout = this.#timeout) {
    this.#assertOpen(what);
    const hit = find();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = find();
          if (found !== undefined) {
            this.#waiters.delete(waiter);
            clearTimeout(timer);
            resolve(found);
          }
        },
        fail: (why) => {
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`${what}: gave up waiting for ${awaited}: ${why}`));
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const list = seen();
        reject(new GadgetTimeoutError(`${what}: waited ${timeout} ms for ${awaited}; saw: ${list.length ? list.join(', ') : 'nothing'}`, { awaited, seen: list }));
      }, timeout);
      this.#waiters.add(waiter);
    });
  }

  /** Waits until the log holds every entry up to `seq` (what a finished action caused). */
  #caught(what, seq) {
    return this.#waitFor(what, `the gadget's log up to entry ${seq}`, () => (this.#lastSeq >= seq ? true : undefined),
      () => [`entries up to ${this.#lastSeq}`]);
  }

  /** Runs one simulator method in the page and waits for what it logged. */
  async #act(method, args) {
    const what = `gadget.${method}()`;
    this.#assertOpen(what);
    const r = await this.#page.evaluate(([m, a]) => window.__connectsCilTesting.call(m, a), [method, args]);
    await this.#caught(what, r.seq);
    if (!r.ok) throw new SimulatorError(r.error.message.startsWith(method) ? r.error.message : `${method}: ${r.error.message}`, r.error.code);
    return r.value;
  }

  // --- scripting the gadget (docs/simulator-api.md, "Scripting the gadget") ------------------

  /** The agent changes state on a channel (`Ready`, `NotReady`, `Logout`; default channel voice). */
  setAgentState(state, reasonCode, channelId) { return this.#act('setAgentState', [state, reasonCode, channelId]); }
  /** A call arrives (`{ani, dnis, callVariables: {callVariable1: …}, ecc, …}`); resolves its work-item id once `workitemCreate` is sent. */
  incomingCall(call) { return this.#act('incomingCall', [call]); }
  /** The agent answers (the newest offered call when `id` is omitted); resolves the id. */
  answer(id) { return this.#act('answer', [id]); }
  /** The agent holds the call: `workitemPause`. */
  hold(id) { return this.#act('hold', [id]); }
  /** The agent resumes the held call: `workitemResume`. */
  resume(id) { return this.#act('resume', [id]); }
  /** The call ends (the caller or the agent hangs up): `workitemWrapup` or `workitemEnd`. */
  hangUp(id) { return this.#act('hangUp', [id]); }
  /** The agent ends wrap-up (optionally into `state` with `reasonCode`): `workitemEnd`, `agentStateChange`. */
  endWrapup(id, state, reasonCode) { return this.#act('endWrapup', [id, state, reasonCode]); }
  /** Completes a consultation as a transfer. */
  transfer(id) { return this.#act('transfer', [id]); }
  /** Joins the held call and its answered consultation into a conference. */
  conference(id) { return this.#act('conference', [id]); }
  /** An offered call rings out unanswered (RONA). */
  ringNoAnswer(id) { return this.#act('ringNoAnswer', [id]); }
  /** How long calls offered from now on ring before RONA (ms; null: forever). */
  setRonaTimeout(ms) { return this.#act('setRonaTimeout', [ms]); }
  /** The agent dials `address` from the gadget (as `dialOrConsult` would). */
  dial(address, channelId) { return this.#act('dial', [address, channelId]); }
  /** The gadget edits a call variable: `callVariableChanged`. */
  setCallVariable(id, name, value) { return this.#act('setCallVariable', [id, name, value]); }
  /** The agent picks a wrap-up reason in the gadget: `wrapupDataChanged`. */
  setWrapupReason(id, reason) { return this.#act('setWrapupReason', [id, reason]); }
  /** A new channel appears: `createChannel`. */
  createChannel(channel) { return this.#act('createChannel', [channel]); }
  /** The gadget raises an error event (`requestId: ""`). */
  raiseError(message) { return this.#act('raiseError', [message]); }
  /** Turns wrap-up on or off for a channel. */
  setWrapupEnabled(enabled, channelId) { return this.#act('setWrapupEnabled', [enabled, channelId]); }
  /** Whether NotReady and Logout need a reason code. */
  setReasonCodeRequired(notReady, logout) { return this.#act('setReasonCodeRequired', [notReady, logout]); }
  /** Sets a queue's figures: `queueDataUpdate(UPDATED)`. */
  setQueueStatistics(queue, statistics, escalationLevel) { return this.#act('setQueueStatistics', [queue, statistics, escalationLevel]); }
  /** Adds a queue: `queueDataUpdate(ADDED)`. */
  addQueue(queue) { return this.#act('addQueue', [queue]); }
  /** Removes a queue: `queueDataUpdate(DELETED)`. */
  removeQueue(id) { return this.#act('removeQueue', [id]); }
  /** Adds or changes a team member: `teamDataUpdate(UPDATED)`. */
  setTeamAgent(agent) { return this.#act('setTeamAgent', [agent]); }
  /** Sends an event with `data` exactly as given, on every connection; resolves how many. */
  sendEvent(name, data) { return this.#act('sendEvent', [name, data]); }

  // --- faults ---------------------------------------------------------------------------------

  /** The next request (of `method`, or any) fails with `error.code` (default REQUEST_FAILED) and `error.message`. */
  failNext(method, error) { return this.#act('failNext', [method, error]); }
  /** The next response (of `method`, or any) is not sent: the integration's request times out. */
  dropNextResponse(method) { return this.#act('dropNextResponse', [method]); }
  /** The next response (of `method`, or any) is sent twice. */
  duplicateNextResponse(method) { return this.#act('duplicateNextResponse', [method]); }
  /** The next response (of `method`, or any) is sent `ms` late. */
  delayNextResponse(ms, method) { return this.#act('delayNextResponse', [ms, method]); }
  /** Disarms every armed fault. */
  clearFaults() { return this.#act('clearFaults', []); }

  /**
   * The gadget reloads (a new host id; `bye` to every integration). Resolves the new host id
   * once every integration that was connected has connected again and received the replay of
   * the current state (`agentStateChange`, `workitemCreate` per call).
   *
   * @param {{ timeout?: number }} [options]
   */
  async reload({ timeout } = {}) {
    const what = 'gadget.reload()';
    const bound = checkMs(`${what}: timeout`, timeout) ?? this.#timeout;
    const before = (await this.#act('state', [])).connections.length;
    this.#assertOpen(what);
    const r = await this.#page.evaluate(() => window.__connectsCilTesting.call('reload', []));
    if (!r.ok) throw new SimulatorError(`reload: ${r.error.message}`, r.error.code);
    const acks = () => this.#entries.filter((e) => e.seq > r.seq && e.kind === 'ack' && e.direction === 'out');
    await this.#waitFor(what, `${before} integration${before === 1 ? '' : 's'} to connect again`,
      () => (acks().length >= before ? true : undefined),
      () => this.#entries.filter((e) => e.seq > r.seq).map((e) => `${e.direction} ${e.summary}${e.note ? ` [${e.note}]` : ''}`), bound);
    await this.sync();
    return r.value;
  }

  /** Sends `announce` to the integration frame again. */
  announce() { return this.#act('announce', []); }

  /**
   * Plays a scenario script (docs/simulator-api.md, "Scenario scripts"), e.g. one of the
   * package's `scenarios/*.json`. Resolves `{played, left, stopped}` when its last step ran and
   * the gadget sent what it caused; rejects with the first refused step. Bounded by the script's
   * own pauses (divided by `speed`) plus `timeout`.
   *
   * @param {import('./index.js').ScenarioScript} script
   * @param {{ speed?: number, skipIntegration?: boolean, timeout?: number }} [options]
   */
  async play(script, { timeout, ...options } = {}) {
    const what = 'gadget.play()';
    this.#assertOpen(what);
    const extra = checkMs(`${what}: timeout`, timeout) ?? this.#timeout;
    const speed = typeof options.speed === 'number' && options.speed > 0 ? options.speed : 1;
    const steps = script && Array.isArray(script.steps) ? script.steps : [];
    const pauses = steps.reduce((sum, s) => sum + (s && typeof s.after === 'number' && s.after > 0 ? s.after : 0), 0);
    const bound = Math.ceil(pauses / speed + extra);
    let timer;
    const ran = this.#page.evaluate(([s, o]) => window.__connectsCilTesting.play(s, o), [script, options]);
    const out = await Promise.race([ran, new Promise((resolve) => { timer = setTimeout(() => resolve(null), bound); })]);
    clearTimeout(timer);
    if (out === null) {
      const playback = (await this.#act('state', [])).playback;
      await this.#act('stop', []);
      const seen = playback ? [`step ${playback.played} of ${playback.total} (${playback.do})`] : [];
      throw new GadgetTimeoutError(`${what}: waited ${bound} ms for the scenario${script?.name ? ` "${script.name}"` : ''} to finish; saw: ${seen.join(', ') || 'no step played'} (stopped it)`,
        { awaited: 'the scenario to finish', seen });
    }
    await this.#caught(what, out.seq);
    if (!out.ok) throw new SimulatorError(out.error.message, out.error.code);
    return out.value;
  }

  /** Stops the scenario being played. */
  stop() { return this.#act('stop', []); }
  /** What happened since the gadget opened, as a scenario script (`play` replays it). */
  record() { return this.#act('record', []); }
  /** The simulator's state now: agent, channels, work items, connections… (docs/simulator-api.md, "Observing"). */
  state() { return this.#act('state', []); }
  /** What a `getChannel(channelId)` request would answer now. */
  getChannel(channelId) { return this.#act('getChannel', [channelId]); }

  /** Resolves once the log holds everything the gadget has logged so far (a barrier). */
  async sync() {
    const what = 'gadget.sync()';
    this.#assertOpen(what);
    const seq = await this.#page.evaluate(() => window.__connectsCilTesting.seq());
    await this.#caught(what, seq);
  }

  // --- what the integration did ----------------------------------------------------------------

  /**
   * The oldest log entry that `fits` and no earlier `nextRequest`/`nextEvent` returned, marked
   * as taken and converted by `convert`; `undefined` if there is none yet.
   */
  #takeNext(fits, convert) {
    const e = this.#entries.find((x) => fits(x) && !this.#taken.has(x.seq));
    if (!e) return undefined;
    this.#taken.add(e.seq);
    return convert(e);
  }

  /**
   * Resolves the oldest request from the integration (of `method`, or of any method) that no
   * earlier `nextRequest` returned, waiting up to `timeout` ms for one to arrive. So a test
   * reads the integration's requests in order, whether they came before or after it asked.
   *
   * @param {string} [method] e.g. `'setAgentState'`
   * @param {{ timeout?: number }} [options]
   * @returns {Promise<import('./index.js').IntegrationRequest>}
   */
  async nextRequest(method, { timeout } = {}) {
    const what = `gadget.nextRequest(${method === undefined ? '' : JSON.stringify(method)})`;
    if (method !== undefined && typeof method !== 'string') throw new TypeError(`${what}: method: expected a method name such as 'setAgentState', got ${show(method)}`);
    const bound = checkMs(`${what}: timeout`, timeout) ?? this.#timeout;
    const fits = (e) => e.direction === 'in' && e.kind === 'request' && (method === undefined || e.message?.method === method);
    return this.#waitFor(what, `${method ? `a ${method}` : 'a'} request from the integration`, () => this.#takeNext(fits, asRequest), () => {
      const all = this.#entries.filter((e) => e.direction === 'in' && e.kind === 'request');
      const fresh = all.filter((e) => !this.#taken.has(e.seq)).map((e) => describeRequest(asRequest(e)));
      const taken = all.length - fresh.length;
      return taken ? [...fresh, `${taken} request${taken === 1 ? '' : 's'} already taken by nextRequest`] : fresh;
    }, bound);
  }

  /**
   * Every request the integration made so far (of `method`, or all), oldest first; does not
   * affect `nextRequest`.
   *
   * @param {string} [method]
   */
  requests(method) {
    return this.#entries.filter((e) => e.direction === 'in' && e.kind === 'request' && (method === undefined || e.message?.method === method)).map(asRequest);
  }

  /**
   * Resolves the gadget's response to `request` (from `nextRequest` or `requests`):
   * `{ok, result}` or `{ok: false, error: {code, message}}`, with `note` (e.g. `delayed 300 ms
   * (fault)`).
   *
   * @param {import('./index.js').IntegrationRequest} request
   * @param {{ timeout?: number }} [options]
   */
  async responseTo(request, { timeout } = {}) {
    const what = 'gadget.responseTo()';
    if (!request || typeof request.seq !== 'number') throw new TypeError(`${what}: request: expected a request from nextRequest() or requests(), got ${show(request)}`);
    const bound = checkMs(`${what}: timeout`, timeout) ?? this.#timeout;
    return this.#waitFor(what, `the response to ${describeRequest(request)} (#${request.id})`, () => {
      const e = this.#entries.find((x) => x.seq > request.seq && x.direction === 'out' && x.kind === 'response' && x.conn === request.conn && x.message?.id === request.id);
      return e && { ok: e.message.ok, result: e.message.result, error: e.message.error, note: e.note, seq: e.seq };
    }, () => this.#entries.filter((e) => e.seq > request.seq && e.kind === 'response' && e.conn === request.conn).map((e) => `${e.summary}${e.note ? ` [${e.note}]` : ''}`), bound);
  }

  /**
   * Resolves the oldest event the gadget sent (named `name`, or any) that no earlier
   * `nextEvent` returned, waiting up to `timeout` ms.
   *
   * @param {string} [name] e.g. `'workitemCreate'`
   * @param {{ timeout?: number }} [options]
   */
  async nextEvent(name, { timeout } = {}) {
    const what = `gadget.nextEvent(${name === undefined ? '' : JSON.stringify(name)})`;
    if (name !== undefined && typeof name !== 'string') throw new TypeError(`${what}: name: expected an event name such as 'workitemCreate', got ${show(name)}`);
    const bound = checkMs(`${what}: timeout`, timeout) ?? this.#timeout;
    const fits = (e) => e.direction === 'out' && e.kind === 'event' && (name === undefined || e.message?.name === name);
    return this.#waitFor(what, `${name ? `a ${name}` : 'an'} event to the integration`, () => this.#takeNext(fits, asEvent), () => this.#entries.filter((e) => e.direction === 'out' && e.kind === 'event' && !this.#taken.has(e.seq)).map((e) => describeEvent(asEvent(e))), bound);
  }

  /** Every event the gadget sent so far (named `name`, or all), oldest first. */
  events(name) {
    return this.#entries.filter((e) => e.direction === 'out' && e.kind === 'event' && (name === undefined || e.message?.name === name)).map(asEvent);
  }

  /** The whole message log so far: every message in and out, as the simulator logs it. */
  messages() {
    return structuredClone(this.#entries);
  }

  /** The console lines of the gadget page and of your integration frame (`type: text`). */
  console() {
    return [...this.#console];
  }

  /**
   * Resolves once an integration has connected (an `ack` was sent), waiting up to `timeout` ms.
   * `openGadget` calls it unless `connect: false`. On timeout the error says why it likely did
   * not: the page does not allow the gadget's origin, loads no `cil`, or failed to load.
   *
   * @param {{ timeout?: number }} [options]
   */
  async waitForConnection({ timeout } = {}) {
    const what = 'openGadget';
    const bound = checkMs('gadget.waitForConnection(): timeout', timeout) ?? DEFAULT_CONNECT_TIMEOUT;
    try {
      await this.#waitFor(what, 'the integration to connect', () => (this.#entries.some((e) => e.kind === 'ack' && e.direction === 'out') ? true : undefined),
        () => this.#entries.map((e) => `${e.direction} ${e.summary}${e.note ? ` [${e.note}]` : ''}`), bound);
    } catch (e) {
      if (!(e instanceof GadgetTimeoutError)) throw e;
      throw new GadgetTimeoutError(`${e.message}\n${this.#whyNotConnected()}`, { awaited: e.awaited, seen: e.seen });
    }
  }

  /** The likely reason the integration did not connect, from the log and the consoles. */
  #whyNotConnected() {
    const syns = this.#entries.filter((e) => e.kind === 'syn');
    const refused = syns.filter((e) => e.note);
    const originHint = `The gadget is at ${this.origin}: your integration page must allow it, e.g. <script src="cil.js" data-allowed-origins="${this.origin}"> or new ConnectsIntegrationLibrary({ allowedOrigins: ['${this.origin}'] }) (with a fixed port: openGadget(page, { port, … }); or pass integration as ({ origin }) => url).`;
    const lines = [];
    if (refused.length) {
      lines.push(`The gadget refused the integration's handshake: ${refused.map((e) => e.note).join('; ')}.`);
    } else if (!syns.length) {
      lines.push(`The integration never reached the gadget: no handshake (syn) arrived from ${this.integration}. ${originHint}`);
      lines.push('Also check that the page loads cil.js and that it is the page you meant (the frame\'s console is below).');
    }
    // The simulator announces itself as it creates the frame, while the frame still holds its
    // initial about:blank document (the gadget's origin): Chromium warns about that announce.
    // It is harmless (the page's cil sends syn when it starts) and would only mislead here.
    const integrationOrigin = new URL(this.integration).origin;
    const noise = (l) => l.includes(`target origin provided ('${integrationOrigin}') does not match the recipient window's origin ('${this.origin}')`);
    const tail = this.#console.filter((l) => !noise(l)).slice(-10);
    lines.push(tail.length ? `Console (last ${tail.length} lines):\n  ${tail.join('\n  ')}` : 'Console: empty.');
    return lines.join('\n');
  }

  /**
   * Closes the gadget: `bye` to the integration, its server stopped, pending waits rejected.
   * The page stays open (it is yours); a second call does nothing.
   */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of [...this.#waiters]) w.fail('the gadget was closed');
    for (const [name, fn] of this.#listeners) this.#page.off(name, fn);
    if (!this.#page.isClosed()) {
      try {
        await this.#page.evaluate(() => window.__connectsCilTesting && window.__connectsCilTesting.close());
      } catch {
        // The page navigated away or closed meanwhile: nothing left to close in it.
      }
    }
    await this.#iframe?.dispose().catch(() => {});
    await this.#server.close();
  }
}
