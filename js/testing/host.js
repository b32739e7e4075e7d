//! The page side of connects-cil/testing: runs in the gadget host page (host.html), beside the
//! drop-in simulator (window.GadgetSimulator), and is driven from Node by the kit (index.js)
//! through `page.evaluate`, as `window.__connectsCilTesting`:
//!
//! * `start(config)` creates the simulator with the test's options, subscribes to its log and
//!   creates the integration frame (the simulator allows the frame's origin itself);
//! * `call(method, args)` runs one scripting method and returns its value or its error as data,
//!   with the number of the last log entry, so Node can wait until it holds every entry the
//!   call caused (the simulator logs synchronously, before the method returns);
//! * `drain()` is Node's long poll for log entries: it resolves with the entries logged since
//!   the previous drain, as soon as there is one. A long poll, rather than a binding exposed to
//!   the page, leaves the integrator's frame exactly as it is in production (an exposed binding
//!   is installed in every frame of the page, theirs included).
//!
//! Errors are returned, never thrown: an exception through `page.evaluate` loses the
//! SimulatorError's `code`.
(function () {
  'use strict';

  var sim = null;
  var buffer = [];
  var lastSeq = 0;
  var wake = null;
  var closed = false;
  var renderQueued = false;

  function asError(e) {
    return {
      name: (e && e.name) || 'Error',
      code: e && typeof e.code === 'string' ? e.code : undefined,
      message: String((e && e.message) || e),
    };
  }

  function onEntry(entry) {
    lastSeq = entry.seq;
    buffer.push(entry);
    if (wake) {
      var w = wake;
      wake = null;
      w();
    }
    if (!renderQueued) {
      // Several entries per action: draw the status line once per frame, not per entry.
      renderQueued = true;
      requestAnimationFrame(render);
    }
  }

  function take() {
    var entries = buffer;
    buffer = [];
    return { entries: entries, closed: closed };
  }

  // The status line above the integration: what a person looking at a screenshot or a trace
  // needs to read the test (agent state, the calls, whether the integration is connected).
  function render() {
    renderQueued = false;
    if (!sim) return;
    var s;
    try { s = sim.state(); } catch (e) { return; }
    var voice = (s.channels || [])[0];
    var pill = document.getElementById('agent-state');
    pill.textContent = voice ? voice.state + (voice.reasonCodeLabel ? ' · ' + voice.reasonCodeLabel : '') : '–';
    pill.dataset.state = voice ? voice.state : '';
    var calls = (s.workitems || []).map(function (w) { return (w.ani || w.id) + ' ' + w.state; });
    document.getElementById('calls').textContent = calls.length ? 'call ' + calls.join(', ') : 'no call';
    var n = (s.connections || []).length;
    document.getElementById('connections').textContent = n ? 'integration connected' + (n > 1 ? ' (' + n + ' clients)' : '') : 'integration not connected';
  }

  window.__connectsCilTesting = {
    start: function (config) {
      return GadgetSimulator.create(config.options).then(function (created) {
        sim = created;
        sim.onLog(onEntry);
        var frame = sim.createFrame(document.getElementById('frames'), config.integration);
        frame.id = 'integration';
        frame.title = 'integration';
        render();
        return { ok: true, hostId: sim.state().hostId };
      }, function (e) {
        return { ok: false, error: asError(e) };
      });
    },

    call: function (method, args) {
      if (!sim || typeof sim[method] !== 'function') {
        return { ok: false, error: { name: 'Error', message: 'no simulator method ' + method }, seq: lastSeq };
      }
      try {
        var value = sim[method].apply(sim, args);
        return { ok: true, value: value, seq: lastSeq };
      } catch (e) {
        return { ok: false, error: asError(e), seq: lastSeq };
      }
    },

    play: function (script, options) {
      var p;
      try {
        p = sim.play(script, options);
      } catch (e) {
        return Promise.resolve({ ok: false, error: asError(e), seq: lastSeq });
      }
      return p.then(function (value) { return { ok: true, value: value, seq: lastSeq }; },
        function (e) { return { ok: false, error: asError(e), seq: lastSeq }; });
    },

    seq: function () { return lastSeq; },

    drain: function () {
      if (buffer.length || closed) return Promise.resolve(take());
      return new Promise(function (resolve) {
        wake = function () { resolve(take()); };
      });
    },

    close: function () {
      closed = true;
      if (sim) {
        try { sim.destroy(); } catch (e) { /* already gone */ }
      }
      if (wake) {
        var w = wake;
        wake = null;
        w();
      }
    },
  };
})();
