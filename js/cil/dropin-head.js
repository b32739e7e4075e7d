/*! connects-cil drop-in client: defines window.cil, window.ConnectsIntegrationLibrary and
 * window.CilError. Loads cil_bg.wasm from next to this script (override with
 * <script src=".../cil.js" data-wasm="https://.../cil_bg.wasm"> or window.CIL_WASM_URL).
 * Needs a Content-Security-Policy that allows 'wasm-unsafe-eval'. */
(function () {
'use strict';
var cilScript = document.currentScript;
