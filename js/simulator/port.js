// The simulator's side of one connection's MessagePort, set by both facades through
// `setPortListener` (crates/simulator-web/src/transport.rs, `listen`). The request an
// integration repeats under load, getChannel, is recognised here in JS; its answers are kept
// by channel id with the model revision they were made at, and the wasm is asked only whether
// that revision is still current and nothing (a fault, a log) needs the request seen whole: a
// number in, a boolean out. Every other message goes to the wasm whole, where the simulator
// checks it as PROTOCOL.md says. Reading the request from wasm took a dozen Reflect.get calls,
// about half of the host's time per round trip.
function listenToIntegration(port, fresh, answer, handle) {
  'use strict';
  var answers = new Map(); // channelId → [revision, response]
  port.onmessage = function (e) {
    var d = e.data, id, p, ch, kept;
    if (d !== null && typeof d == 'object' && d.kind === 'request' && d.method === 'getChannel' &&
        d.ns === 'connects-cil' && d.v === 1 && (id = d.id) >>> 0 === id &&
        (p = d.params) !== null && typeof p == 'object' && !Array.isArray(p) &&
        typeof (ch = p.channelId) == 'string') {
      kept = answers.get(ch);
      if (!(kept && fresh(kept[0]))) {
        kept = answer(ch);
        if (kept === undefined) answers.delete(ch);
        else answers.set(ch, kept);
      }
      if (kept !== undefined) {
        kept[1].id = id; // the kept response, sent under this request's id (posting clones it)
        port.postMessage(kept[1]);
        return;
      }
    }
    handle(d);
  };
}
