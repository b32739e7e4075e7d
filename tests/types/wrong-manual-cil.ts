// Must not compile: connects-cil/manual exports no ready client; it exists once init resolves.
import { cil } from '../../js/cil/manual.js';
void cil.getChannel('voice');
