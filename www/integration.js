// The integration side of the demo: registers a handler for every event of the 2.7 reference,
// shows each as it arrives, and sends each request from a small form. Plain script, no
// framework: this is what a CRM developer writes around `cil`.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  // Every event payload in arrival order, for people (the list) and for the end-to-end test.
  window.__events = [];
  var requestSeq = 0;

  function show(name, data) {
    window.__events.push({ name: name, data: data });
    var li = document.createElement('li');
    li.className = 'ev ' + (name === 'error' ? 'bad' : '');
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    var label = document.createElement('b');
    label.textContent = name;
    summary.appendChild(label);
    var hint = data.newState || data.state || data.dataState || data.teamDataState || data.message || '';
    if (hint) summary.appendChild(document.createTextNode(' ' + hint));
    if (data.requestId) summary.appendChild(document.createTextNode(' · ' + data.requestId));
    var pre = document.createElement('pre');
    pre.textContent = JSON.stringify(data, null, 2);
    details.appendChild(summary);
    details.appendChild(pre);
    li.appendChild(details);
    $('events').prepend(li);
    if (data.id && name.indexOf('workitem') === 0) $('workitemId').value = data.id;
  }

  function setResult(text, ok) {
    var el = $('result');
    el.textContent = text;
    el.className = 'result ' + (ok ? 'good' : 'bad');
  }

  var cil = window.cil;
  if (!cil) {
    $('status').textContent = 'cil.js did not load';
    return;
  }
  var handlers = {
    onAgentStateChange: 'agentStateChange', onCallVariableChanged: 'callVariableChanged',
    onChannelCreate: 'createChannel', onError: 'error', onWorkitemConnect: 'workitemConnect',
    onWorkitemCreate: 'workitemCreate', onWorkitemEnd: 'workitemEnd', onWorkitemPause: 'workitemPause',
    onWorkitemResume: 'workitemResume', onWorkitemWrapup: 'workitemWrapup',
    onWrapupDataChanged: 'wrapupDataChanged',
  };
  Object.keys(handlers).forEach(function (method) {
    cil[method](function (data) { show(handlers[method], data); });
  });
  // The statistics events the data reference names (PROTOCOL.md §6), once the client has
  // their registrations.
  [['onQueueDataUpdate', 'queueDataUpdate'], ['onTeamDataUpdate', 'teamDataUpdate']].forEach(function (pair) {
    if (typeof cil[pair[0]] === 'function') cil[pair[0]](function (data) { show(pair[1], data); });
  });
  if (typeof cil.onConnectionChange === 'function') {
    cil.onConnectionChange(function (c) {
      $('status').textContent = c && c.connected ? 'connected' : 'reconnecting…';
      $('status').className = 'badge ' + (c && c.connected ? 'on' : 'off');
    });
  }
  cil.initIntegration(function () {
    $('status').textContent = 'connected';
    $('status').className = 'badge on';
    document.body.dataset.ready = 'true';
  }).catch(function (e) {
    $('status').textContent = (e && e.code) || 'failed';
    setResult(String((e && e.message) || e), false);
  });

  function args(method, form) {
    var ch = $('channelId').value;
    var wi = $('workitemId').value;
    var f = function (name) { return form.elements[name].value; };
    switch (method) {
      case 'setAgentState': return [ch, f('state'), f('reasonCode')];
      case 'getChannel': return [ch];
      case 'getReasonCodeList': return [ch, f('reasonType')];
      case 'dialOrConsult': return [ch, f('address')];
      case 'isUpdateWorkitemDataEnabled': return [ch, wi];
      case 'updateWorkitemData': return [ch, wi, JSON.parse(f('updatedData'))];
      case 'setWrapupReason': return [ch, wi, f('wrapUpReason')];
    }
    return [];
  }

  document.querySelectorAll('form[data-method]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var method = form.dataset.method;
      var requestId = 'req-' + (++requestSeq);
      var a;
      try { a = args(method, form); } catch (e) { setResult(method + ': ' + e.message, false); return; }
      a.push(requestId);
      setResult(method + ' (' + requestId + ') …', true);
      cil[method].apply(cil, a).then(function (value) {
        var text = value === undefined || value === null ? 'done' : JSON.stringify(value, null, 2);
        setResult(method + ' (' + requestId + ') → ' + text, true);
      }, function (e) {
        setResult(method + ' (' + requestId + ') ✗ ' + (e.code || '') + ': ' + e.message, false);
      });
    });
  });
  $('clear-events').addEventListener('click', function () { $('events').textContent = ''; });
})();
