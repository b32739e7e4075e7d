// The one payload every contender moves: a realistic getChannel result (a voice channel with two
// work items, field names as in the 2.7 reference). Events carry its first work item, which is
// what a workitemCreate event looks like. Shared by the host and child pages so that raw
// postMessage, MessagePort and Penpal move exactly the same bytes as cil.
(function (global) {
  function workitem(id, ani, state, seq) {
    return {
      event: 'workitemCreate', version: '2.7', requestId: '',
      agentId: 'agent001', ani, associations: [{ id: 'PC-' + id, name: 'Call ' + ani, recordType: 'phonecall' }],
      associatedParticipant: { id: 'C-1001', name: 'Alex Customer', recordType: 'contact' },
      capabilities: ['Answer', 'Hold', 'Resume', 'Release', 'Consult', 'UpdateCallData'],
      channelId: 'voice_5075', channelType: 'Voice', classification: 'Customer',
      connectedAt: '2026-11-24T09:51:17.696Z',
      ctiData: {
        callKeyCallId: '1234', callKeyPrefix: '150', callType: 'ACD_IN', dialedNumber: '8001',
        DNIS: '8001', mediaId: '1', queueName: 'Sales', queueNumber: '5000', wrapUpReason: '',
        callVariable1: 'CUST-4711', callVariable2: 'gold', callVariable3: '', callVariable4: '',
        callVariable5: '', callVariable6: '', callVariable7: '', callVariable8: '', callVariable9: '',
        callVariable10: '', 'user.eccVar1': 'order-99',
      },
      direction: 'Incoming', id, participants: [{ address: ani }, { address: '5075' }],
      participantLookupResult: [{ id: 'C-1001', name: 'Alex Customer', recordType: 'contact' }],
      state, seq,
    };
  }
  const channel = {
    activeDeviceId: '', extension: '5075', firstName: 'Ada', agentId: 'agent001', lastName: 'Agent',
    loginName: 'ada', teamId: 'team1',
    channel: {
      id: 'voice_5075', type: 'Voice', state: 'Active', reasonCode: '-1', reasonCodeLabel: '',
      stateChangeTime: '2026-11-24T09:51:17.696Z',
      workitems: [workitem('16777217', '+41315551234', 'Active', 0), workitem('16777218', '+41315559876', 'Paused', 0)],
    },
  };
  global.BENCH_PAYLOAD = { channel, workitem };
})(typeof window !== 'undefined' ? window : globalThis);
