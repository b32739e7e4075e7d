// Must not compile: a misspelt option in window.CIL_OPTIONS.
/// <reference path="../../js/cil/cil.global.d.ts" />
window.CIL_OPTIONS = { allowedOrigin: ['https://gadget.example.com'] };
