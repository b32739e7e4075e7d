// The simulator's side of one connection's MessagePort, set by both facades through
// `setPortListener` (crates/simulator-web/src/transport.rs, `listen`). The request an
// integration repeats under load, getChannel, is recognised here in JS and the wasm is asked
// for the cached answer with two plain values; every other message goes to the wasm whole,
// where the simulator checks it as PROTOCOL.md says. Reading the request from wasm took a
// dozen Reflect.get calls, about half of the host's time per round trip.
function listenToIntegration(port, cached, handle) {
  'use strict';
  port.onmessage = function (e) {
    var d = e.data, p, answer;
    if (d !== null && typeof d == 'object' && d.kind === 'request' && d.method === 'getChannel' &&
        d.ns === 'connects-cil' && d.v === 1 && typeof d.id == 'number' &&
        (p = d.params) !== null && typeof p == 'object' && !Array.isArray(p) &&
        typeof p.channelId == 'string' && (answer = cached(d.id, p.channelId)) !== undefined) {
      answer.id = d.id; // the cached response, sent under this request's id (posting clones it)
      port.postMessage(answer);
      return;
    }
    handle(d);
  };
}
