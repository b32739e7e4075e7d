// Global typings for the drop-in (dist/cil.js, a classic <script>): the globals it defines.
// A script file, not a module: reference it with `/// <reference types="connects-cil/dropin" />`
// (npm), or `/// <reference path="cil.global.d.ts" />` next to a downloaded cil.d.ts.
// The API's types are those of cil.d.ts, next to this file (which also declares
// window.CIL_OPTIONS).

/** The default instance (talks to `window.parent`; connects on first use). */
declare var cil: import('./cil.js').ConnectsIntegrationLibrary;
/** The client class: `new ConnectsIntegrationLibrary(options)`, or its static methods. */
declare var ConnectsIntegrationLibrary: import('./cil.js').ConnectsIntegrationLibraryConstructor;
/** The error every failed request rejects with. */
declare var CilError: typeof import('./cil.js').CilError;
