// The request mix of `npm run bench`, loaded by the host page (bench/host.js) and every frame
// (bench/child.js): the seven requests of the Integration API, once each, in this order, with
// valid arguments. The round-trip figure over the mix takes them one after another, cycling;
// every contender sends the same requests and its host answers each method with the same
// precomputed payload (bench/host.js). The simulator section sends them to the simulator, set up
// so that each one succeeds in its model (see bench/host.js, simulator).
window.BENCH_MIX = (function () {
  'use strict';
  var callId = '4711001'; // the simulator section's customer call (answered, owned by the agent)
  return {
    callId: callId,
    chatId: 'chat_1', // a chat channel beside voice: the agent can change state there during a call
    requests: [
      ['getChannel', ['voice']],
      ['getReasonCodeList', ['voice', 'NotReady']],
      ['isUpdateWorkitemDataEnabled', ['voice', callId]],
      ['updateWorkitemData', ['voice', callId, { callVariable1: 'CUST-4711', 'user.eccVar1': 'order-99' }]],
      ['setWrapupReason', ['voice', callId, 'Documentation']],
      ['setAgentState', ['chat_1', 'NotReady', '2']],
      ['dialOrConsult', ['voice', '+41315559876']],
    ],
  };
})();
