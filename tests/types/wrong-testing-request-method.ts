// Must NOT compile: nextRequest takes one of the seven request names of the 2.7 reference, and
// 'setAgentStatus' is not one (a typo that would otherwise only time out at run time).
import type { Gadget } from '../../js/testing/index.js';

export async function wrong(gadget: Gadget): Promise<void> {
  await gadget.nextRequest('setAgentStatus');
}
