// Must NOT compile: updatedData values have to be strings (the reference says so).
import { cil } from '../../js/cil/cil.js';
void cil.updateWorkitemData('voice', 'wi-1', { callVariable1: 12345 });
