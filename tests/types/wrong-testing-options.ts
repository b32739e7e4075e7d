// Must NOT compile: openGadget needs the integration page (`integration`), and gets none.
import { openGadget, type PlaywrightPage } from '../../js/testing/index.js';

export async function wrong(page: PlaywrightPage): Promise<void> {
  await openGadget(page, { initialState: 'Ready' });
}
