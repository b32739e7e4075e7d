// A TypeScript page script for the drop-in (dist/cil.js in a <script> tag): no imports, the
// globals come from `connects-cil/dropin`'s global declarations.
/// <reference types="connects-cil/dropin" />

window.CIL_OPTIONS = { allowedOrigins: ['https://gadget.example.com'], logLevel: 'info' };
cil.onWorkitemCreate((data) => console.log(data.ani, data.ctiData.DNIS));
cil.initIntegration(async (instance) => {
  const { channel } = await instance.getChannel('voice');
  console.log(channel.state);
});
const mine = new ConnectsIntegrationLibrary({ requestTimeout: 5000 });
mine.getChannel('voice').catch((e: unknown) => {
  if (e instanceof CilError) console.log(e.code);
});
ConnectsIntegrationLibrary.initIntegration(() => console.log(window.cil.connected));
// @ts-expect-error not an option
window.CIL_OPTIONS = { allowedOrigin: 'https://gadget.example.com' };
