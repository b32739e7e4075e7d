// A TypeScript consumer of the installed package (tests/e2e/package.test.mjs compiles it with
// moduleResolution "bundler" and "node16"): the ES module, the manual entry and the simulator.
// The @ts-expect-error lines fail the compile if a module resolved to `any`.
import ConnectsIntegrationLibrary, { CilError, cil, createCil, type Workitem } from 'connects-cil';
import { init, initSync, type CilExports, type CilWasmSource } from 'connects-cil/manual';
import GadgetSimulatorModule, { create, type SimulatorOptions } from 'connects-cil/simulator';

export async function run(bytes: ArrayBuffer): Promise<string> {
  const client = new ConnectsIntegrationLibrary({ allowedOrigins: ['https://gadget.example.com'] });
  client.onWorkitemCreate((data: Workitem) => console.log(data.ani, data.connectedAt ?? 'not yet'));
  const channel = await client.getChannel('voice');
  // @ts-expect-error getChannel takes a channel id string
  await client.getChannel(42);
  // @ts-expect-error connectedAt is absent until the call connects
  const at: string = channel.channel.workitems[0].connectedAt;
  const other = createCil({ logLevel: 'debug' });
  other.destroy();
  try {
    await cil.setAgentState('voice', 'Ready');
  } catch (e) {
    if (e instanceof CilError) console.log(e.code, e.requestId);
  }
  const source: CilWasmSource = bytes;
  const manual: CilExports = await init(source);
  const again = initSync(await WebAssembly.compile(bytes));
  await manual.cil.getReasonCodeList('voice', 'NotReady');
  const options: SimulatorOptions = { initialState: 'Ready' };
  const sim = await create(options);
  (await GadgetSimulatorModule.create({})).destroy();
  sim.incomingCall({ ani: '+41 44 000 00 00' });
  return String(again.cil.connected) + at;
}
