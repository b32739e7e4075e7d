// A TypeScript consumer of connects-cil/testing's typings (js/testing/index.d.ts): a test as an
// integrator writes it, with Playwright's real Page type (playwright-core's typings, which need
// Node's); must compile with `tsc --noEmit --strict`.
/// <reference types="node" />
import type { Page } from 'playwright-core';
import {
  openGadget, Gadget, GadgetTimeoutError, SimulatorError, DEFAULT_TIMEOUT,
  type GadgetOptions, type IntegrationRequest, type GadgetResponse, type GadgetEvent, type LogEntry,
} from '../../js/testing/index.js';

export async function wrapUp(page: Page): Promise<string> {
  const options: GadgetOptions = {
    integration: ({ origin }) => `http://localhost:3000/crm.html?gadget=${encodeURIComponent(origin)}`,
    timeout: DEFAULT_TIMEOUT,
    initialState: 'Ready',
    channels: [{ id: 'voice_5075', type: 'Voice', wrapup: true }],
  };
  const gadget: Gadget = await openGadget(page, options);
  const again = await openGadget(page, { integration: new URL('http://localhost:3000/'), port: 5199, connect: false });
  await again.waitForConnection({ timeout: 20000 });
  const id: string = await gadget.incomingCall({ ani: '+41 44 123 45 67', callVariables: { callVariable1: 'CUST-1042' } });
  await gadget.answer(id);
  await gadget.hold();
  await gadget.resume(id);
  await gadget.failNext('updateWorkitemData', { code: 'REQUEST_FAILED', message: 'CTI server unavailable' });
  const request: IntegrationRequest = await gadget.nextRequest('updateWorkitemData', { timeout: 2000 });
  const response: GadgetResponse = await gadget.responseTo(request);
  const code: string | undefined = response.error?.code;
  await gadget.hangUp(id);
  await gadget.setWrapupReason(id, 'Sale');
  await gadget.endWrapup(id, 'NotReady', '2');
  const hostId: string = await gadget.reload();
  const played = await gadget.play({ name: 'x', steps: [{ do: 'incomingCall', ani: '+41 1' }] }, { speed: 10, timeout: 1000 });
  const event: GadgetEvent = await gadget.nextEvent('workitemEnd');
  const log: LogEntry[] = gadget.messages();
  const all: IntegrationRequest[] = gadget.requests();
  const lines: string[] = gadget.console();
  await gadget.frame.click('#ready');
  const state = await gadget.state();
  if (!(gadget instanceof Gadget)) throw new Error('not a gadget');
  await gadget.close();
  await again.close();
  try {
    await gadget.nextRequest('setAgentState');
  } catch (e) {
    if (e instanceof GadgetTimeoutError) return `${e.awaited}: ${e.seen.join(', ')}`;
    if (e instanceof SimulatorError) return e.code ?? '';
  }
  return [code, hostId, played.played, event.name, log.length, all.length, lines.length, state, gadget.origin].join();
}
