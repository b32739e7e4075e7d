// Must NOT compile: the agentStateChange payload has `newState`, not `newStatus`.
import { cil } from '../../js/cil/cil.js';
cil.onAgentStateChange((d) => console.log(d.newStatus));
