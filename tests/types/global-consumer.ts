// A TypeScript page script for the drop-in (dist/cil.js in a <script> tag): no imports, the
// globals typed by js/cil/cil.global.d.ts (npm: `/// <reference types="connects-cil/dropin" />`);
// must compile with `tsc --noEmit --strict`.
/// <reference path="../../js/cil/cil.global.d.ts" />

window.CIL_OPTIONS = { allowedOrigins: ['https://gadget.example.com'], logLevel: 'info' };
cil.onWorkitemCreate((data) => console.log(data.ani, data.ctiData.DNIS, data.connectedAt ?? 'ringing'));
cil.initIntegration(async (instance) => {
  const { channel } = await instance.getChannel('voice');
  const reasons = await cil.getReasonCodeList(channel.id, 'NotReady');
  console.log(channel.state, reasons.map((r) => r.label));
});
const mine = new ConnectsIntegrationLibrary({ requestTimeout: 5000 });
mine.getChannel('voice').catch((e: unknown) => {
  if (e instanceof CilError) console.log(e.code, e.requestId);
});
ConnectsIntegrationLibrary.initIntegration(() => console.log(window.cil.connected, cil.hostId));
const viaWindow = new window.ConnectsIntegrationLibrary();
viaWindow.destroy();
console.log(new window.CilError('x', 'TIMEOUT').code);
