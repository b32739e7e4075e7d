// A TypeScript consumer of the installed connects-cil/testing (tests/e2e/package.test.mjs
// compiles it with moduleResolution "bundler", "node16" and "nodenext"). It declares the
// Playwright page structurally (the throwaway project has no Playwright); the @ts-expect-error
// lines fail the compile if the module resolved to `any`.
import { openGadget, GadgetTimeoutError, type Gadget, type PlaywrightPage, type IntegrationRequest } from 'connects-cil/testing';

export async function run(page: PlaywrightPage): Promise<string> {
  const gadget: Gadget = await openGadget(page, { integration: ({ origin }) => `http://localhost:3000/?gadget=${origin}`, initialState: 'Ready' });
  const id: string = await gadget.incomingCall({ ani: '+41 44 123 45 67' });
  const request: IntegrationRequest = await gadget.nextRequest('getChannel');
  // @ts-expect-error nextRequest takes a request name of the 2.7 reference
  await gadget.nextRequest('getChanel');
  // @ts-expect-error integration is required
  await openGadget(page, {});
  await gadget.close();
  return `${id} ${request.method} ${GadgetTimeoutError.name}`;
}
