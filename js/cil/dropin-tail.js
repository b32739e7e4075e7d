// Options of the default instance (window.cil), for pages that cannot write code before the
// sample code runs: window.CIL_OPTIONS = {...}, or data-* attributes on this script tag
// (data-allowed-origins="https://a https://b", data-target, data-log-level, data-connect-timeout,
// data-request-timeout).
var cilData = (cilScript && cilScript.dataset) || {};
var cilDefaults = window.CIL_OPTIONS || {};
if (cilData.allowedOrigins) cilDefaults.allowedOrigins = cilData.allowedOrigins.split(/[\s,]+/).filter(Boolean);
if (cilData.target) cilDefaults.target = cilData.target;
if (cilData.logLevel) cilDefaults.logLevel = cilData.logLevel;
if (cilData.connectTimeout) cilDefaults.connectTimeout = Number(cilData.connectTimeout);
if (cilData.requestTimeout) cilDefaults.requestTimeout = Number(cilData.requestTimeout);
var cilApi = createCilApi(function () {
  var url = window.CIL_WASM_URL || cilData.wasm ||
    new URL('cil_bg.wasm', (cilScript && cilScript.src) || location.href).href;
  return loadCilWasm(url).then(null, function (e) {
    if (e && typeof e === 'object') e.cilUrl = url;
    throw e;
  });
});
window.ConnectsIntegrationLibrary = cilApi.ConnectsIntegrationLibrary;
window.CilError = cilApi.CilError;
window.cil = cilApi.defaultInstance(cilDefaults);
cilApi.load();
})();
