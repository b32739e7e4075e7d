// Must not compile: connectedAt is absent until the call connects.
import type { Workitem } from '../../js/cil/cil.js';
export function connectedSince(w: Workitem): string {
  return w.connectedAt;
}
