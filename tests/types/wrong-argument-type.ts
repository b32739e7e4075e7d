// Must NOT compile: getReasonCodeList takes a ReasonType (Logout, NotReady or Wrapup).
import { cil } from '../../js/cil/cil.js';
void cil.getReasonCodeList('voice', 'Lunch');
