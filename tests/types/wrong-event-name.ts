// Must NOT compile: there is no onWorkitemCreated (the event is onWorkitemCreate).
import { cil } from '../../js/cil/cil.js';
cil.onWorkitemCreated(() => {});
