// Shared by the two simulator host pages of tests/e2e/result-types.test.mjs (the drop-in build
// and the ES-module build): creates the simulator with `create(options)`, attaches the
// integration frame named by ?frame=<url>, exposes window.sim and marks the body ready.
// ?log=1 keeps a log (default: logLimit 0, no log kept).
// The options: agent Ready; the Logout reason list is empty (so getReasonCodeList can answer
// an empty array); everything else is the simulator's default.
window.startSimHost = function (create) {
  'use strict';
  var q = new URLSearchParams(location.search);
  window.__pageErrors = [];
  window.addEventListener('error', function (e) { window.__pageErrors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { window.__pageErrors.push('unhandled: ' + String(e.reason && e.reason.message || e.reason)); });
  var options = { initialState: 'Ready', reasonCodes: { Logout: [] } };
  if (q.get('log') !== '1') options.logLimit = 0;
  return Promise.resolve(create(options)).then(function (sim) {
    window.sim = sim;
    sim.createFrame(document.getElementById('frames'), q.get('frame')).name = 'integration';
    document.body.dataset.ready = 'true';
  }, function (e) {
    window.__pageErrors.push('simulator failed: ' + e.message);
    document.body.textContent = 'simulator failed: ' + e.message;
  });
};
