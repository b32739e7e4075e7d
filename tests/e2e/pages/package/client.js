// The integration page of tests/e2e/package.test.mjs, as a CRM developer writes it after
// `npm install connects-cil`: a bare import, bundled by webpack or Vite with no configuration.
// The gadget's origin comes in the query (?gadget=<origin>); results go to window.result.
import ConnectsIntegrationLibrary, { CilError } from 'connects-cil';

const gadget = new URLSearchParams(location.search).get('gadget');
const client = new ConnectsIntegrationLibrary({ allowedOrigins: [gadget] });
const result = { events: [], errors: [] };
window.result = result;
client.onWorkitemCreate((data) => result.events.push({ event: data.event, ani: data.ani }));
client.onError((data) => result.errors.push(data.code));
client.initIntegration(async () => {
  const channel = await client.getChannel('voice');
  result.agentId = channel.agentId;
  try {
    await client.getChannel('voice_404');
  } catch (e) {
    result.refused = { isCilError: e instanceof CilError, name: e.name, code: e.code };
  }
  document.body.dataset.ready = 'true';
});
