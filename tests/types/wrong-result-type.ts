// Must NOT compile: isUpdateWorkitemDataEnabled resolves to a boolean.
import { cil } from '../../js/cil/cil.js';
async function f(): Promise<string> {
  return await cil.isUpdateWorkitemDataEnabled('voice', 'wi-1');
}
void f;
