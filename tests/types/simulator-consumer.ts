// A TypeScript consumer of the gadget simulator's typings (js/simulator/index.d.ts), scripting
// a call and using the test and benchmark hooks; must compile with `tsc --noEmit --strict`.
import GadgetSimulatorModule, { create, type LogEntry, type SimulatorOptions } from '../../js/simulator/index.js';

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
export { script };
