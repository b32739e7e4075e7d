// A TypeScript consumer of the gadget simulator's typings (js/simulator/index.d.ts), scripting
// a call and using the test and benchmark hooks; must compile with `tsc --noEmit --strict`.
import GadgetSimulatorModule, {
  create, type LogEntry, type PlayResult, type ScenarioScript, type SimulatorOptions,
} from '../../js/simulator/index.js';

async function script(frame: HTMLIFrameElement): Promise<number> {
  const options: SimulatorOptions = { initialState: 'Ready', logLimit: 0, allowedOrigins: ['https://crm.example.com'] };
  const sim = await create(options);
  const again = await GadgetSimulatorModule.create({});
  again.destroy();
  sim.attach(frame, 'https://crm.example.com');
  const id: string = sim.incomingCall({ ani: '+41 44 000 00 00', callVariables: { callVariable1: 'x' } });
  sim.answer(id);
  sim.failNext('getChannel', { code: 'CTI_DOWN', message: 'down' });
  const channel: unknown = sim.getChannel('voice');
  const log: LogEntry[] = sim.log();
  const sent: number = sim.sendEvent('workitemCreate', { channel, seq: log.length });
  return sent;
}

/** Issue 14: conference, RONA, statistics, scenario scripts. */
async function deeper(frame: HTMLIFrameElement): Promise<PlayResult> {
  const sim = await create({
    initialState: 'Ready',
    rona: { timeoutMs: 8000, reasonCode: { id: '32767', label: 'Redirected on no answer' } },
    queues: [{ id: '5001', name: 'Sales', warnAt: 3, statistics: { agentsReady: 2 } }],
    team: { agents: [{ agentId: '2002', firstName: 'Kim', state: 'Ready' }] },
  });
  sim.attach(frame);
  const customer: string = sim.incomingCall({ ani: '+41 44 000 00 00' });
  sim.answer(customer);
  sim.dial('5002');
  sim.answer();
  const conf: string = sim.conference();
  const joined: string = sim.incomingCall({ ani: '+41 1', conferenceCreator: '2002', participants: ['5002'] });
  sim.ringNoAnswer(joined);
  sim.setRonaTimeout(null);
  sim.setQueueStatistics('5001', { callsInQueue: 4 }, 'Warn');
  sim.addQueue({ id: '5002', name: 'Support' });
  sim.removeQueue('5002');
  sim.setTeamAgent({ agentId: '2002', state: 'NotReady', reasonCode: { id: '1', label: 'Break' } });
  const script: ScenarioScript = sim.record();
  const steps: number = script.steps.length + conf.length;
  const replay = await create(script.options ?? {});
  const done: PlayResult = await replay.play(script, { speed: 10, skipIntegration: true });
  replay.stop();
  return { ...done, played: done.played + steps };
}
export { deeper };
export { script };
