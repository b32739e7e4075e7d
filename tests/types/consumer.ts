// A TypeScript consumer of every method, event and option of the cil typings; must compile
// with `tsc --noEmit --strict` (tests/types/run.sh).
import ConnectsIntegrationLibrary, {
  CilError,
  cil as defaultCil,
  createCil,
  type AgentStateChange,
  type CilErrorCode,
  type CilEventMap,
  type ConnectionChange,
  type GetChannelResult,
  type ReasonCode,
  type Workitem,
} from '../../js/cil/cil.js';

async function useEverything(): Promise<void> {
  const cil = new ConnectsIntegrationLibrary({
    target: 'parent',
    allowedOrigins: ['https://gadget.example.com'],
    connectTimeout: 5000,
    requestTimeout: 20000,
    logLevel: 'debug',
  });
  await cil.initIntegration((ready) => console.log(ready.connected, ready.hostId));
  const byWindow = createCil({ target: window.parent, allowedOrigins: '*' });
  const bytes: number = byWindow.wasmMemoryBytes();
  void bytes;
  byWindow.destroy();

  // Requests, with the reference's positional arguments.
  await cil.dialOrConsult('voice', '+41440000000', 'req-1');
  const channel: GetChannelResult = await cil.getChannel('voice');
  const state: string = channel.channel.state;
  const firstName: string = channel.firstName;
  const codes: ReasonCode[] = await cil.getReasonCodeList('voice', 'Logout');
  const label: string = codes[0]?.label ?? '';
  const enabled: boolean = await cil.isUpdateWorkitemDataEnabled('voice', 'wi-1');
  await cil.setAgentState('voice_5000', 'NotReady', '12', 'req-2');
  await cil.setAgentState('voice', 'Ready');
  await cil.setWrapupReason('voice', 'wi-1', 'Documentation', 'req-3');
  await cil.updateWorkitemData('voice', 'wi-1', { callVariable1: '12345', 'user.eccVar1': '999999', wrapUpReason: 'Documentation' }, 'req-4', { timeout: 5000 });
  console.log(state, firstName, label, enabled);

  // Events: every registration returns an unsubscribe function.
  const offs: Array<() => void> = [
    cil.onAgentStateChange((d: AgentStateChange) => console.log(d.newState, d.oldReasonCode, d.channelType)),
    cil.onCallVariableChanged((d) => console.log(d.ctiData.callVariable1, d.ctiData['user.eccVar1'], d.ctiData.DNIS)),
    cil.onChannelCreate((d) => console.log(d.activeState, d.stateChangeInProgress)),
    cil.onCreateChannel((d) => console.log(d.nextState)),
    cil.onError((e) => console.log(e.message, e.requestId, e.code)),
    cil.onWorkitemConnect((d) => console.log(d.id, d.state, d.activity?.recordType, d.connectedAt ?? 'not connected')),
    cil.onWorkitemCreate((d: Workitem) => console.log(d.ani, d.direction)),
    cil.onWorkitemEnd((d) => console.log(d.event, d.version)),
    cil.onWorkitemPause((d) => console.log(d.participants.length)),
    cil.onWorkitemResume((d) => console.log(d.classification)),
    cil.onWorkitemWrapup((d) => console.log(d.ctiData.wrapUpReason)),
    cil.onWrapupDataChanged((d) => console.log(d.associatedParticipant?.name)),
    cil.onQueueDataUpdate((d) => console.log(d.dataState, d.queueData.map((q) => q.statistics.callsInQueue))),
    cil.onTeamDataUpdate((d) => console.log(d.teamDataState, d.teamId, d.agents.map((a) => a.state))),
    cil.onConnectionChange((c: ConnectionChange) => console.log(c.connected, c.hostId, c.reason)),
  ];
  offs.forEach((off) => off());

  // Errors.
  try {
    await cil.getChannel('voice_404');
  } catch (e) {
    if (e instanceof CilError) {
      const code: CilErrorCode | string = e.code;
      console.log(code, e.message, e.requestId, e.name);
    }
  }

  // Static use (ServiceNow style); the page's configuration (the drop-in's globals are typed by
  // cil.global.d.ts: global-consumer.ts).
  const Static = ConnectsIntegrationLibrary;
  await Static.initIntegration(() => Static.onError((e) => console.log(e.message)));
  window.CIL_OPTIONS = { allowedOrigins: ['https://gadget.example.com'], logLevel: 'debug' };
  const err = new CilError('x', 'TIMEOUT');
  console.log(err.code, defaultCil.connected);

  // The event map.
  const handlers: { [K in keyof CilEventMap]?: (d: CilEventMap[K]) => void } = {
    workitemCreate: (d) => console.log(d.id),
  };
  console.log(handlers);
}

void useEverything();
