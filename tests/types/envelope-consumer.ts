// The 'envelope' result shape (issue 16), the logger and the support log: must compile with
// `tsc --noEmit --strict` (tests/types/run.sh).
import ConnectsIntegrationLibrary, { createCil, type Envelope, type SupportLogEntry } from '../../js/cil/cil.js';

async function envelope(): Promise<void> {
  const cil = new ConnectsIntegrationLibrary({
    resultShape: 'envelope',
    allowedOrigins: 'https://*.my.salesforce.com',
    logger: (level, message, data) => console.log(level, message, data),
    supportLogSize: 1000,
  });
  // As a component written for the vendor's SCV library reads it.
  const result = await cil.isUpdateWorkitemDataEnabled('voice', 'wi-1');
  if (result?.success && result.response?.enabled) {
    const updated: Envelope<undefined> = await cil.updateWorkitemData('voice', 'wi-1', { callVariable1: 'x' });
    if (!updated.success) console.log(updated.error.code, updated.error.message, updated.error.requestId);
  }
  const channel = await createCil({ resultShape: 'envelope' }).getChannel('voice');
  if (channel.success) console.log(channel.response.channel.state);
  const entries: SupportLogEntry[] = cil.supportLog();
  console.log(entries.map((e) => `${e.time} ${e.level} ${e.message}`).join('\n'), cil.supportLogText());
  // The default shape is unchanged: values, not envelopes.
  const enabled: boolean = await new ConnectsIntegrationLibrary().isUpdateWorkitemDataEnabled('voice', 'wi-1');
  void enabled;
}
void envelope;
