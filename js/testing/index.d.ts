// Types of connects-cil/testing, the Playwright test kit (docs/testing-kit.md). The scripting
// methods are typed from the simulator's own typings, so the two cannot drift apart.
import type {
  GadgetSimulator, LogEntry, MethodName, PlayResult, ScenarioScript, SimulatorOptions,
} from '../simulator/index.js';

export type { LogEntry, PlayResult, ScenarioScript, SimulatorOptions };

/**
 * What the kit needs of a Playwright `Page` (from `@playwright/test` or `playwright-core`);
 * declared here so that the kit's types do not depend on Playwright's.
 */
export interface PlaywrightPage {
  goto(url: string, options?: any): Promise<any>;
  evaluate(pageFunction: any, arg?: any): Promise<any>;
  waitForSelector(selector: string, options?: any): Promise<any>;
  on(event: any, listener: (...args: any[]) => unknown): any;
  off(event: any, listener: (...args: any[]) => unknown): any;
  isClosed(): boolean;
  mainFrame(): any;
}

/** The kit's own options; every other field of `GadgetOptions` goes to the simulator. */
export interface KitOptions {
  /**
   * Your integration page (absolute http(s) URL), loaded in the gadget's frame; or a function of
   * the gadget's origin that returns it (the port is new for every gadget unless `port` is set).
   */
  integration: string | URL | ((gadget: { origin: string }) => string | URL | Promise<string | URL>);
  /** Bound of every wait (an action's log, `nextRequest`, …) in ms. Default 5000. */
  timeout?: number;
  /** Bound of the wait for the integration to connect, in ms. Default 15000. */
  connectTimeout?: number;
  /** Wait for the integration's `cil` to connect before resolving (default true). */
  connect?: boolean;
  /** The gadget's port on 127.0.0.1 (default 0: a free one, new each time). */
  port?: number;
}

/** `openGadget`'s options: the kit's and the simulator's (docs/simulator-api.md, "Creating"). */
export type GadgetOptions = KitOptions & Omit<SimulatorOptions, 'wasmUrl'>;

/** A request the integration made, as the gadget received it. */
export interface IntegrationRequest {
  method: MethodName;
  /** The request's arguments by their reference names (`channelId`, `state`, …), `requestId` included when given. */
  params: Record<string, any>;
  /** The caller's `requestId`, when it gave one. */
  requestId: string | undefined;
  /** The wire id (per connection). */
  id: number;
  /** The connection and the frame it came on. */
  conn: number | null;
  frame: number | null;
  /** Its log entry's number and time. */
  seq: number;
  time: string;
  /** What the gadget noted besides delivery (empty when nothing). */
  note: string;
}

/** The gadget's response to a request. */
export interface GadgetResponse {
  ok: boolean;
  result?: any;
  error?: { code: string; message: string };
  /** e.g. `dropped (fault)`, `delayed 300 ms (fault)`; empty when nothing. */
  note: string;
  seq: number;
}

/** An event the gadget sent. */
export interface GadgetEvent {
  name: string;
  /** The payload, with the field names of the 2.7 reference. */
  data: any;
  requestId: string | undefined;
  conn: number | null;
  seq: number;
  time: string;
  note: string;
}

/** The wait options of the observing methods. */
export interface WaitOptions {
  /** In ms; default: the gadget's `timeout`. */
  timeout?: number;
}

type Scripted =
  | 'setAgentState' | 'incomingCall' | 'answer' | 'hold' | 'resume' | 'hangUp' | 'endWrapup'
  | 'transfer' | 'conference' | 'ringNoAnswer' | 'setRonaTimeout' | 'dial' | 'setCallVariable'
  | 'setWrapupReason' | 'createChannel' | 'raiseError' | 'setWrapupEnabled' | 'setReasonCodeRequired'
  | 'setQueueStatistics' | 'addQueue' | 'removeQueue' | 'setTeamAgent' | 'sendEvent'
  | 'failNext' | 'dropNextResponse' | 'duplicateNextResponse' | 'delayNextResponse' | 'clearFaults'
  | 'announce' | 'stop' | 'record' | 'state' | 'getChannel';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/** The simulator's scripting methods, run from Node: each resolves once the gadget sent what it caused. */
export type GadgetScripting = { [K in Scripted]: Async<GadgetSimulator[K]> };

/** A simulated gadget hosting your integration page (see `openGadget`). */
export interface Gadget extends GadgetScripting {
  /** The gadget's origin, `http://127.0.0.1:<port>`: the origin your page must allow. */
  readonly origin: string;
  /** The gadget host page's URL. */
  readonly url: string;
  /** Your integration page's URL. */
  readonly integration: string;
  /** The Playwright page the gadget runs in (the one you passed). */
  readonly page: PlaywrightPage;
  /** Your integration page's Playwright Frame (also `page.frameLocator('#integration')`). */
  readonly frame: any;

  /** The gadget reloads; resolves the new host id once the integrations reconnected and got the replay. */
  reload(options?: WaitOptions): Promise<string>;
  /** Plays a scenario script; bounded by its pauses / `speed` plus `timeout`. */
  play(script: ScenarioScript, options?: { speed?: number; skipIntegration?: boolean; timeout?: number }): Promise<PlayResult>;
  /** Resolves once Node holds every log entry the gadget wrote so far. */
  sync(): Promise<void>;

  /** The oldest request (of `method`) not returned by an earlier `nextRequest`, waiting for one. */
  nextRequest(method?: MethodName, options?: WaitOptions): Promise<IntegrationRequest>;
  /** Every request so far (of `method`), oldest first. */
  requests(method?: MethodName): IntegrationRequest[];
  /** The gadget's response to `request`. */
  responseTo(request: IntegrationRequest, options?: WaitOptions): Promise<GadgetResponse>;
  /** The oldest event (named `name`) not returned by an earlier `nextEvent`, waiting for one. */
  nextEvent(name?: string, options?: WaitOptions): Promise<GadgetEvent>;
  /** Every event sent so far (named `name`), oldest first. */
  events(name?: string): GadgetEvent[];
  /** The whole message log so far. */
  messages(): LogEntry[];
  /** Console lines of the gadget page and the integration frame. */
  console(): string[];
  /** Resolves once an integration connected; `openGadget` calls it unless `connect: false`. */
  waitForConnection(options?: WaitOptions): Promise<void>;
  /** `bye` to the integration, server stopped, pending waits rejected; the page stays open. */
  close(): Promise<void>;
}

/** The class of gadgets, for `instanceof`; not constructible: `openGadget` makes them. */
export declare const Gadget: abstract new (...args: never[]) => Gadget;

/**
 * Opens the simulated gadget in `page` with your integration page in its frame; resolves once
 * the page's `cil` connected (unless `connect: false`). Rejects with a `TypeError` naming the
 * option for wrong options, and with a `GadgetTimeoutError` that says why when the handshake
 * does not happen (most often: the page does not allow `gadget.origin`).
 */
export declare function openGadget(page: PlaywrightPage, options: GadgetOptions): Promise<Gadget>;

/** A bounded wait that ran out; `message`: what was awaited, and what arrived instead. */
export declare class GadgetTimeoutError extends Error {
  name: 'GadgetTimeoutError';
  awaited: string;
  seen: string[];
}

/** The simulator refused an action. */
export declare class SimulatorError extends Error {
  name: 'SimulatorError';
  code: string | undefined;
}

/** Default bound of every wait, in ms (5000). */
export declare const DEFAULT_TIMEOUT: number;
/** Default bound of the wait for the integration to connect, in ms (15000). */
export declare const DEFAULT_CONNECT_TIMEOUT: number;
