/*! connects-cil drop-in client: window.cil, window.ConnectsIntegrationLibrary, window.CilError.
 One file (the WebAssembly is inside); the page's CSP must allow 'wasm-unsafe-eval'. */
// The drop-in's entry (bundled by js/cil/build.sh into dist/cil.js, an IIFE). The reference's
// sample code registers handlers right after the <script> tag, so the wasm is compiled and
// instantiated synchronously, here, from bytes embedded in this file, and the globals are the
// Rust objects themselves. The bytes are written one per character, shifted (js/cil/embed.mjs
// says why): about 4 % over the gzipped .wasm, where hex costs 10 %. The file starts with a
// UTF-8 byte order mark, which makes every browser read it as UTF-8 whatever the page's or the
// server's charset says.
import { initSync, ConnectsIntegrationLibrary } from 'cil-glue';
import { CilError } from 'cil-error';
import { unavailableLibrary } from './unavailable.js';
import { WASM_TEXT, WASM_SHIFT } from 'cil-wasm-text';

function bytes(text) {
  const out = new Uint8Array(text.length);
  // Storing into a Uint8Array keeps the low 8 bits: the subtraction wraps as the shift did.
  for (let i = 0; i < out.length; i++) out[i] = text.charCodeAt(i) - WASM_SHIFT;
  return out;
}

let Library = ConnectsIntegrationLibrary;
try {
  // `new WebAssembly.Module` inside: a CSP without 'wasm-unsafe-eval' throws here.
  initSync({ module: bytes(WASM_TEXT) });
} catch (e) {
  Library = unavailableLibrary(e, CilError);
}
window.ConnectsIntegrationLibrary = Library;
window.CilError = CilError;
window.cil = Library.defaultInstance();
