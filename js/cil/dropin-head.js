/*! connects-cil drop-in client: window.cil, ConnectsIntegrationLibrary, CilError. Needs
 cil_bg.wasm beside it (or data-wasm / window.CIL_WASM_URL) and CSP 'wasm-unsafe-eval'. */
// Loads cil_bg.wasm from next to this script (override with
// <script src=".../cil.js" data-wasm="https://.../cil_bg.wasm"> or window.CIL_WASM_URL).
(function () {
'use strict';
var cilScript = document.currentScript;
