// Types of the gadget simulator's JS API (both builds). See docs/simulator-api.md.

export type AgentStateName = 'Logout' | 'Offline' | 'Ready' | 'NotReady' | 'Active' | 'Wrapup' | 'Unknown';
export type RequestedState = 'Ready' | 'NotReady' | 'Logout';
export type MethodName =
  | 'dialOrConsult' | 'getChannel' | 'getReasonCodeList' | 'isUpdateWorkitemDataEnabled'
  | 'setAgentState' | 'setWrapupReason' | 'updateWorkitemData';

export interface ReasonCode { id: string; label: string }

export interface SimulatorOptions {
  agent?: { id?: string; firstName?: string; lastName?: string; loginName?: string; extension?: string; teamId?: string; activeDeviceId?: string };
  channels?: { id: string; type?: 'Voice' | 'Mail' | 'Chat' | 'Task' | 'Federation'; wrapup?: boolean }[];
  reasonCodes?: { Logout?: ReasonCode[]; NotReady?: ReasonCode[]; Wrapup?: ReasonCode[] };
  reasonCodeRequired?: { NotReady?: boolean; Logout?: boolean };
  initialState?: 'Logout' | 'NotReady' | 'Ready';
  autoAccept?: boolean;
  /** Unanswered calls: after `timeoutMs` (null: never) an offered call ends as EndedAbandoned and the agent goes NotReady with `reasonCode` (default 32767 "Redirected on no answer"). */
  rona?: { timeoutMs?: number | null; reasonCode?: ReasonCode | { id: number; label: string } };
  /** The agent's queues; the figures are the other agents' (absent: no queueDataUpdate events). */
  queues?: QueueOptions[];
  /** The other members of the agent's team (absent: no teamDataUpdate events). */
  team?: { agents?: TeamAgentOptions[] };
  /** Origins whose `syn` is answered (default: the page's own origin; '*' allows any). */
  allowedOrigins?: string[];
  /** Log entries kept (default 2000). */
  logLimit?: number;
  /** Drop-in build only: where the .wasm is (default: next to gadget-simulator.js). */
  wasmUrl?: string;
}

export interface CrmRecord { id: string; name: string; recordType: string }

/** Queue figures (all optional when set; the other agents' figures). */
export interface QueueStatistics {
  agentsNotReady?: number; agentsReady?: number; agentsTalkingInbound?: number; agentsTalkingInternal?: number;
  agentsTalkingOutbound?: number; agentsWrapUpNotReady?: number; agentsWrapUpReady?: number; callsInQueue?: number;
  startTimeOfLongestCallInQueue?: string;
}

export type EscalationLevel = 'Normal' | 'Warn' | 'Critical';

export interface QueueOptions {
  id: string; name: string; escalationLevel?: EscalationLevel;
  /** Calls in queue from which the level is Warn / Critical. */
  warnAt?: number; criticalAt?: number;
  statistics?: QueueStatistics;
}

export interface TeamAgentOptions {
  agentId: string; firstName?: string; lastName?: string; extension?: string;
  state?: AgentStateName; reasonCode?: ReasonCode | { id: number; label: string } | null;
}

export interface IncomingCallOptions {
  ani?: string; dnis?: string; dialedNumber?: string; channelId?: string; id?: string;
  callVariables?: Record<string, string>; ecc?: Record<string, string>;
  queueName?: string; queueNumber?: string; callType?: string; owner?: string;
  associatedParticipant?: CrmRecord; participantLookupResult?: CrmRecord[];
  /** The call is a conference created by this agent id, which the agent joins (only the creator may update its data). */
  conferenceCreator?: string;
  /** More participants' addresses, after the caller and the agent's extension. */
  participants?: string[];
}

export interface LogEntry {
  seq: number; time: string; direction: 'in' | 'out'; transport: 'window' | 'port';
  frame: number | null; conn: number | null; kind: string; summary: string; note: string;
  message: any;
}

export interface SimulatorError extends Error { name: 'SimulatorError'; code: string }

/** One step of a scenario script: `do` names the action (a method of GadgetSimulator), its other fields are that method's arguments by name. */
export interface ScenarioStep {
  /** Milliseconds after the previous step (default 0). */
  after?: number;
  do: string;
  /** A sentence for people. */
  note?: string;
  /** `integration`: a request an integration made (a `request` step). */
  by?: 'gadget' | 'integration';
  [field: string]: unknown;
}

/** How a playback ended. */
export interface PlayResult { played: number; left: number; stopped: boolean }

/** A scenario script (docs/simulator-api.md, "Scenario scripts"). */
export interface ScenarioScript {
  scenario?: 1;
  name?: string;
  description?: string;
  /** The simulator options it was made for: `create(script.options)`. */
  options?: SimulatorOptions | null;
  /** The events it sends, in order, as `name:state` (for people and tests; `play` ignores them). */
  events?: string[];
  steps: ScenarioStep[];
}

export declare class GadgetSimulator {
  constructor(options?: SimulatorOptions);
  attach(iframe: HTMLIFrameElement, origin?: string): number;
  createFrame(container: Element, url: string): HTMLIFrameElement;
  detach(iframe: HTMLIFrameElement): void;
  allowOrigin(origin: string): void;
  incomingCall(options?: IncomingCallOptions): string;
  answer(id?: string | null): string;
  hold(id?: string | null): string;
  resume(id?: string | null): string;
  hangUp(id?: string | null): string;
  endWrapup(id?: string | null, state?: 'Ready' | 'NotReady' | null, reasonCode?: string | null): string;
  transfer(id?: string | null): string;
  /** Joins the held customer call and its answered consultation into a conference created by this agent; returns its id. */
  conference(id?: string | null): string;
  /** An offered call rings out unanswered now (RONA). */
  ringNoAnswer(id?: string | null): string;
  /** How long calls offered from now on may ring (ms, 1 to 86,400,000; null: forever). */
  setRonaTimeout(ms: number | null): void;
  dial(address: string, channelId?: string | null): void;
  setCallVariable(id: string | null | undefined, name: string, value: string): void;
  setWrapupReason(id: string | null | undefined, reason: string): void;
  setAgentState(state: RequestedState, reasonCode?: string | null, channelId?: string | null): void;
  createChannel(channel: { id: string; type?: string; wrapup?: boolean }): void;
  raiseError(message: string): void;
  failNext(method?: MethodName | null, error?: { code?: string; message?: string }): void;
  dropNextResponse(method?: MethodName | null): void;
  duplicateNextResponse(method?: MethodName | null): void;
  delayNextResponse(ms: number, method?: MethodName | null): void;
  clearFaults(): void;
  setWrapupEnabled(enabled: boolean, channelId?: string | null): void;
  setReasonCodeRequired(notReady: boolean, logout: boolean): void;
  /** Sets some of a queue's figures (the other agents'): queueDataUpdate(UPDATED). */
  setQueueStatistics(queue: string, statistics: QueueStatistics, escalationLevel?: EscalationLevel | null): void;
  /** queueDataUpdate(ADDED) while logged in. */
  addQueue(queue: QueueOptions): void;
  /** queueDataUpdate(DELETED) while logged in. */
  removeQueue(id: string): void;
  /** Adds or changes another team member: teamDataUpdate(UPDATED). */
  setTeamAgent(agent: TeamAgentOptions): void;
  reload(): string;
  announce(): void;
  state(): any;
  /** What happened since the simulator was created, as a scenario script. */
  record(): ScenarioScript;
  /** Plays a scenario script; resolves when its last step ran, rejects with the first refused step's SimulatorError. */
  play(script: ScenarioScript, options?: { speed?: number; skipIntegration?: boolean }): Promise<PlayResult>;
  /** Stops the scenario being played. */
  stop(): void;
  /** Test and benchmark hook: what a `getChannel(channelId)` request would answer now (default `voice`), without a request or a log entry. */
  getChannel(channelId?: string | null): any;
  /** Test and benchmark hook: posts `{ns, v: 1, kind: "event", name, data}` on every open connection, `data` as given; returns how many. `name`: one of the 13 event names. */
  sendEvent(name: string, data: unknown): number;
  log(): LogEntry[];
  clearLog(): void;
  onLog(listener: (entry: LogEntry) => void): number;
  offLog(token: number): void;
  destroy(): void;
  free(): void;
}

export declare function create(options?: SimulatorOptions): Promise<GadgetSimulator>;
declare const _default: { create: typeof create; GadgetSimulator: typeof GadgetSimulator };
export default _default;
