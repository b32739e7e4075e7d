// Typings of the connects-cil client: the ES module build (`connects-cil`), and the API types of
// the drop-in, whose globals cil.global.d.ts declares. Field names are exactly those of the b+s
// Integration API 2.7 reference. Checked against the runtime by tests/types (tsc --strict) and
// tests/dts.rs (every method and event name of cil-protocol appears here).

/** Channel types of the reference. */
export type ChannelType = 'Voice' | 'Mail' | 'Chat' | 'Task' | 'Federation';
/** Agent / channel states of the reference. */
export type AgentState = 'Logout' | 'Offline' | 'Ready' | 'NotReady' | 'Active' | 'Wrapup' | 'Unknown';
/** States `setAgentState` may request. */
export type RequestedState = 'Ready' | 'NotReady' | 'Logout';
/** Reason-code list types of `getReasonCodeList`. */
export type ReasonType = 'Logout' | 'NotReady' | 'Wrapup';
/** Work item classes. */
export type Classification = 'Customer' | 'Consultation' | 'Conference' | 'Transfer' | 'Internal' | 'Unknown';
/** Call direction. */
export type Direction = 'Incoming' | 'Outgoing';
/** Work item states. */
export type WorkitemState =
  | 'Unknown' | 'Initiated' | 'Offered' | 'Active' | 'Paused' | 'Wrapup'
  | 'Ended' | 'EndedAbandoned' | 'EndedTransferred' | 'EndedUnknown';
/** Outbound call classification (Finesse). */
export type OutboundClassification = 'VOICE' | 'FAX' | 'ANS_MACHINE' | 'INVALID' | 'DO_NOT_CALL' | 'BUSY';
/** A channel id: `voice`, `voice_<peripheral id>` (CCX: `voice_-1`), `telephony` (WxCC), … */
export type ChannelId = string;
/** A reason code: negative values mean "no code". */
export type ReasonCodeId = number | string;

/** Common fields of every event payload. */
export interface EventBase<E extends string> {
  /** Event name. */
  event: E;
  /** API version, "2.7". */
  version: string;
  /** Identifier to match this event to a request (empty when none). */
  requestId: string;
}

/** The phone call record (may be undefined for workitemCreate). */
export interface ActivityRecord {
  id: string;
  recordType: string;
}

/** A CRM record. */
export interface CrmRecord {
  id: string;
  name: string;
  recordType: string;
}

/** A participant of a work item. */
export interface Participant {
  address: string;
  [key: string]: unknown;
}

/** Finesse call data; availability depends on the Finesse version. */
export interface CtiData {
  callKeyCallId?: string;
  callKeyPrefix?: string;
  callType?: string;
  callVariable1?: string;
  callVariable2?: string;
  callVariable3?: string;
  callVariable4?: string;
  callVariable5?: string;
  callVariable6?: string;
  callVariable7?: string;
  callVariable8?: string;
  callVariable9?: string;
  callVariable10?: string;
  dialedNumber?: string;
  DNIS?: string;
  mediaId?: string;
  outboundClassification?: OutboundClassification | string;
  queueName?: string;
  queueNumber?: string;
  wrapUpReason?: string;
  /** ECC variables. */
  [eccVariable: `user.${string}`]: string | undefined;
}

/** A work item (call, task…): the payload of the workitem events. */
export interface Workitem {
  activity?: ActivityRecord;
  agentId: string;
  ani: string;
  associatedParticipant?: CrmRecord;
  associations: CrmRecord[];
  capabilities: string[];
  channelId: ChannelId;
  channelType: ChannelType;
  classification: Classification;
  /** When the call connected (ISO 8601); absent until it has. */
  connectedAt?: string;
  ctiData: CtiData;
  direction: Direction;
  id: string;
  participants: Participant[];
  participantLookupResult: CrmRecord[];
  state: WorkitemState;
}

/** Payload of a workitem event (`Workitem` plus event, version, requestId). */
export type WorkitemEvent<E extends string> = EventBase<E> & Workitem;

/** Payload of `agentStateChange`. */
export interface AgentStateChange extends EventBase<'agentStateChange'> {
  channelType: ChannelType;
  channelId: ChannelId;
  newState: AgentState;
  newReasonCode: ReasonCodeId;
  newReasonCodeLabel: string;
  newStateChangeTime: string;
  oldState: AgentState;
  oldReasonCode: ReasonCodeId;
  oldReasonCodeLabel: string;
  oldStateChangeTime: string;
}

/** A channel (create event). */
export interface ChannelCreate {
  id: ChannelId;
  type: ChannelType;
  previousState: AgentState;
  activeState: AgentState;
  nextState: AgentState;
  lastStateChange: string;
  stateChangeInProgress: boolean;
}

/** Payload of `createChannel` (registered with `onChannelCreate`). */
export type ChannelCreateEvent = EventBase<'createChannel'> & ChannelCreate;

/** Error codes: stable, also in `CilError.code`; a newer gadget may send others. */
export type CilErrorCode =
  | 'INVALID_ARGUMENT' | 'TIMEOUT' | 'CONNECT_TIMEOUT' | 'CONNECTION_LOST' | 'DESTROYED'
  | 'WASM_UNAVAILABLE' | 'MALFORMED_MESSAGE' | 'HANDLER_ERROR' | 'UNKNOWN_METHOD'
  | 'UNKNOWN_CHANNEL' | 'UNKNOWN_WORKITEM' | 'INVALID_STATE_TRANSITION' | 'REASON_CODE_REQUIRED'
  | 'UNKNOWN_REASON_CODE' | 'UPDATE_NOT_ALLOWED' | 'REQUEST_FAILED';

/** Payload of `error`. `code` is set by this client (and by gadgets that send one). */
export interface ErrorEvent extends EventBase<'error'> {
  /** Short message describing the error. */
  message: string;
  code?: CilErrorCode | (string & {});
}

/** Payload of `onConnectionChange` (not part of the reference: this client's addition). */
export interface ConnectionChange {
  connected: boolean;
  /** The gadget instance (changes when the gadget reloads). */
  hostId?: string;
  /** Why the connection went away: "bye" or "reload". */
  reason?: 'bye' | 'reload';
}

/** A channel (getChannel). */
export interface Channel {
  id: ChannelId;
  type: ChannelType;
  state: AgentState;
  reasonCode: ReasonCodeId;
  reasonCodeLabel: string;
  stateChangeTime: string;
  workitems: Workitem[];
}

/** Result of `getChannel`. */
export interface GetChannelResult {
  activeDeviceId: string;
  channel: Channel;
  extension: string;
  firstName: string;
  agentId: string;
  lastName: string;
  loginName: string;
  teamId: string;
}

/** One entry of `getReasonCodeList`. */
export interface ReasonCode {
  id: string;
  label: string;
}

/** Wire event name → payload type. */
export interface CilEventMap {
  agentStateChange: AgentStateChange;
  callVariableChanged: WorkitemEvent<'callVariableChanged'>;
  createChannel: ChannelCreateEvent;
  error: ErrorEvent;
  workitemConnect: WorkitemEvent<'workitemConnect'>;
  workitemCreate: WorkitemEvent<'workitemCreate'>;
  workitemEnd: WorkitemEvent<'workitemEnd'>;
  workitemPause: WorkitemEvent<'workitemPause'>;
  workitemResume: WorkitemEvent<'workitemResume'>;
  workitemWrapup: WorkitemEvent<'workitemWrapup'>;
  wrapupDataChanged: WorkitemEvent<'wrapupDataChanged'>;
  queueDataUpdate: QueueDataUpdate;
  teamDataUpdate: TeamDataUpdate;
}

/** A queue's statistics (the 2.7 data reference's `statistics`). */
export interface QueueStatistics {
  agentsNotReady: number;
  agentsReady: number;
  agentsTalkingInbound: number;
  agentsTalkingInternal: number;
  agentsTalkingOutbound: number;
  agentsWrapUpNotReady: number;
  agentsWrapUpReady: number;
  callsInQueue: number;
  /** ISO 8601; absent when no call is waiting. */
  startTimeOfLongestCallInQueue?: string;
}

/** A queue (the data reference's `queueData`). */
export interface QueueData {
  id: string;
  name: string;
  channel: ChannelType;
  escalationLevel: 'Normal' | 'Warn' | 'Critical' | (string & {});
  statistics: QueueStatistics;
}

/** `queueDataUpdate`: named by the 2.7 data reference (`dataState`), not listed among its events. */
export interface QueueDataUpdate extends EventBase<'queueDataUpdate'> {
  dataState: 'ENABLED' | 'ADDED' | 'UPDATED' | 'DELETED' | 'DISABLED' | (string & {});
  queueData: QueueData[];
}

/** An agent of the team, in `teamDataUpdate`. */
export interface TeamAgent {
  agentId: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: AgentState | (string & {});
  reasonCode: ReasonCodeId;
  reasonCodeLabel: string;
  stateChangeTime: string;
}

/** `teamDataUpdate`: named by the 2.7 data reference (`teamDataState`), not listed among its events. */
export interface TeamDataUpdate extends EventBase<'teamDataUpdate'> {
  teamDataState: 'ENABLED' | 'UPDATED' | 'DISABLED' | (string & {});
  teamId: string;
  agents: TeamAgent[];
}

/** A handler; the returned function unsubscribes it. */
export type Unsubscribe = () => void;
export type Handler<T> = (data: T) => void;

/** Per-call options, as a last argument after the optional requestId. */
export interface CallOptions {
  /** Milliseconds to wait for the gadget's answer (default: requestTimeout). */
  timeout?: number;
}

/** Constructor options. */
export interface CilOptions {
  /** The gadget's window (default 'parent'). */
  target?: 'parent' | 'top' | 'opener' | Window;
  /** Origins the gadget may have (default: this page's origin; '*' only if you say so). */
  allowedOrigins?: string[] | string;
  /** Give up connecting after this many ms (default 10000) with CONNECT_TIMEOUT. */
  connectTimeout?: number;
  /** Default request timeout in ms (default 30000) before TIMEOUT. */
  requestTimeout?: number;
  /** Console output (default 'warn'). */
  logLevel?: LogLevel;
  /** Receives the log lines `logLevel` lets through, in place of the console. */
  logger?: (level: Exclude<LogLevel, 'silent'>, message: string, data: unknown) => void;
  /** How many entries the support log keeps (default 500, at most 10000; 0: none). */
  supportLogSize?: number;
  /**
   * 'value' (default, the 2.7 reference): requests resolve to their value and reject with a
   * CilError. 'envelope' (the vendor's Dynamics/ServiceNow/SCV pages): requests always resolve,
   * to `{success: true, response}` or `{success: false, error}`.
   */
  resultShape?: ResultShape;
}

/** Console levels, each including the ones before it. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** How requests settle: see CilOptions.resultShape. */
export type ResultShape = 'value' | 'envelope';
/** A request that succeeded, in the 'envelope' shape. */
export interface Success<T> {
  success: true;
  response: T;
}
/** A request that failed, in the 'envelope' shape (the Promise still resolves). */
export interface Failure {
  success: false;
  error: { code: CilErrorCode | (string & {}); message: string; requestId: string };
}
/** The 'envelope' shape of a request's outcome. */
export type Envelope<T> = Success<T> | Failure;
/** What a request resolves to in shape S. */
export type Result<S extends ResultShape, T> = S extends 'envelope' ? Envelope<T> : T;

/** One entry of the support log. */
export interface SupportLogEntry {
  /** ISO 8601 time. */
  time: string;
  level: Exclude<LogLevel, 'silent'>;
  message: string;
  /** The value the line was about (a thrown error, a message), when there is one. */
  data?: unknown;
}

/** The error every failed request rejects with. */
export declare class CilError extends Error {
  constructor(message: string, code: CilErrorCode | (string & {}), requestId?: string);
  readonly name: 'CilError';
  /** Stable code, e.g. 'TIMEOUT' or 'UNKNOWN_CHANNEL'. */
  readonly code: CilErrorCode | (string & {});
  /** The requestId given to the failed call ('' when none). */
  readonly requestId: string;
}

/** The requests and event registrations shared by instances and the class (static use). */
export interface CilApi<S extends ResultShape = 'value'> {
  /** Resolves (and calls `callback`) once connected to the gadget. */
  initIntegration(callback?: (cil: ConnectsIntegrationLibrary<S>) => void): Promise<ConnectsIntegrationLibrary<S>>;
  dialOrConsult(channelId: ChannelId, address: string, requestId?: string, options?: CallOptions): Promise<Result<S, undefined>>;
  getChannel(channelId: ChannelId, requestId?: string, options?: CallOptions): Promise<Result<S, GetChannelResult>>;
  getReasonCodeList(channelId: ChannelId, reasonType: ReasonType, requestId?: string, options?: CallOptions): Promise<Result<S, ReasonCode[]>>;
  isUpdateWorkitemDataEnabled(channelId: ChannelId, workitemId: string, requestId?: string, options?: CallOptions): Promise<S extends 'envelope' ? Envelope<{ enabled: boolean }> : boolean>;
  setAgentState(channelId: ChannelId, state: RequestedState, reasonCode?: string | number | null, requestId?: string, options?: CallOptions): Promise<Result<S, undefined>>;
  setWrapupReason(channelId: ChannelId, workitemId: string, wrapUpReason: string, requestId?: string, options?: CallOptions): Promise<Result<S, undefined>>;
  updateWorkitemData(
    channelId: ChannelId,
    workitemId: string,
    updatedData: Record<string, string>,
    requestId?: string,
    options?: CallOptions,
  ): Promise<Result<S, undefined>>;
  onAgentStateChange(handler: Handler<CilEventMap['agentStateChange']>): Unsubscribe;
  onCallVariableChanged(handler: Handler<CilEventMap['callVariableChanged']>): Unsubscribe;
  onChannelCreate(handler: Handler<CilEventMap['createChannel']>): Unsubscribe;
  /** Alias of onChannelCreate (the reference's heading). */
  onCreateChannel(handler: Handler<CilEventMap['createChannel']>): Unsubscribe;
  onError(handler: Handler<CilEventMap['error']>): Unsubscribe;
  onWorkitemConnect(handler: Handler<CilEventMap['workitemConnect']>): Unsubscribe;
  onWorkitemCreate(handler: Handler<CilEventMap['workitemCreate']>): Unsubscribe;
  onWorkitemEnd(handler: Handler<CilEventMap['workitemEnd']>): Unsubscribe;
  onWorkitemPause(handler: Handler<CilEventMap['workitemPause']>): Unsubscribe;
  onWorkitemResume(handler: Handler<CilEventMap['workitemResume']>): Unsubscribe;
  onWorkitemWrapup(handler: Handler<CilEventMap['workitemWrapup']>): Unsubscribe;
  onWrapupDataChanged(handler: Handler<CilEventMap['wrapupDataChanged']>): Unsubscribe;
  /** Queue statistics (the data reference's `dataState`; not among the reference's events). */
  onQueueDataUpdate(handler: Handler<CilEventMap['queueDataUpdate']>): Unsubscribe;
  /** Team data (the data reference's `teamDataState`; not among the reference's events). */
  onTeamDataUpdate(handler: Handler<CilEventMap['teamDataUpdate']>): Unsubscribe;
  onConnectionChange(handler: Handler<ConnectionChange>): Unsubscribe;
  /** Rejects everything pending with DESTROYED; removes every listener and timer. */
  destroy(): void;
}

/** The client class of the reference. */
export interface ConnectsIntegrationLibrary<S extends ResultShape = 'value'> extends CilApi<S> {
  /** Whether the handshake is done. */
  readonly connected: boolean;
  /** The connected gadget instance's id. */
  readonly hostId: string | undefined;
  /**
   * Diagnostic (benchmarks, leak hunting): the size in bytes of the cil WebAssembly module's
   * linear memory, shared by every instance of the page; 0 before the module has loaded.
   */
  wasmMemoryBytes(): number;
  /** The support log: the last log lines and message summaries (never payloads), oldest first. */
  supportLog(): SupportLogEntry[];
  /** The support log as text, one `<time> <level> <message>` line an entry. */
  supportLogText(): string;
}

export interface ConnectsIntegrationLibraryConstructor extends CilApi {
  new (options: CilOptions & { resultShape: 'envelope' }): ConnectsIntegrationLibrary<'envelope'>;
  new (options?: CilOptions): ConnectsIntegrationLibrary;
  /** The default instance (`window.cil`). */
  defaultInstance(): ConnectsIntegrationLibrary;
  readonly prototype: ConnectsIntegrationLibrary;
}

export declare const ConnectsIntegrationLibrary: ConnectsIntegrationLibraryConstructor;
/** The default instance (talks to window.parent; connects on first use). */
export declare const cil: ConnectsIntegrationLibrary;
/** Creates a client. */
export declare function createCil(options: CilOptions & { resultShape: 'envelope' }): ConnectsIntegrationLibrary<'envelope'>;
export declare function createCil(options?: CilOptions): ConnectsIntegrationLibrary;
export default ConnectsIntegrationLibrary;

// The drop-in's globals (window.cil, ConnectsIntegrationLibrary, CilError) are declared in
// cil.global.d.ts (`connects-cil/dropin`): the ES module sets none of them.
declare global {
  interface Window {
    /**
     * The page's configuration: the defaults of every instance (drop-in and ES module); set it
     * before the drop-in's script tag or the module's import. Constructor options win.
     */
    CIL_OPTIONS?: CilOptions;
  }
}
