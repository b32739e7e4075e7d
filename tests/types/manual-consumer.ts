// A TypeScript consumer of connects-cil/manual (js/cil/manual.d.ts): the ES module started with
// bytes, a compiled module, a Response or a URL; must compile with `tsc --noEmit --strict`.
import { init, initSync, CilError, type CilExports, type CilWasmSource, type Workitem } from '../../js/cil/manual.js';

async function start(bytes: Uint8Array<ArrayBuffer>, response: Response): Promise<CilExports> {
  const fromModule = await init(await WebAssembly.compile(bytes));
  const fromBytes = await init(bytes);
  const fromBuffer = initSync(bytes.buffer);
  const sources: CilWasmSource[] = [bytes, response, fetch('/cil_bg.wasm'), new URL('https://crm.example.com/cil_bg.wasm'), '/cil_bg.wasm'];
  const fetched = await init(sources[4]);
  const fallback = await init();
  const client = fromBytes.createCil({ allowedOrigins: ['https://gadget.example.com'] });
  client.onWorkitemCreate((d: Workitem) => console.log(d.id));
  try {
    await fromModule.cil.getChannel('voice');
  } catch (e) {
    if (e instanceof CilError && e instanceof fromBuffer.CilError) console.log(e.code);
  }
  const Static = fetched.ConnectsIntegrationLibrary;
  await Static.initIntegration();
  return fallback;
}
export { start };
