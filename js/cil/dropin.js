/*! connects-cil drop-in client: window.cil, window.ConnectsIntegrationLibrary, window.CilError.
 One file (the WebAssembly is inside); the page's CSP must allow 'wasm-unsafe-eval'. */
// The drop-in's entry (bundled by js/cil/build.sh into dist/cil.js, an IIFE). The reference's
// sample code registers handlers right after the <script> tag, so the wasm is compiled and
// instantiated synchronously, here, from bytes embedded in this file, and the globals are the
// Rust objects themselves. The bytes are written in hex: unlike base64, hex keeps the byte
// boundaries that gzip finds repeats on, and costs only ~7 % over the gzipped .wasm.
import { initSync, ConnectsIntegrationLibrary } from 'cil-glue';
import { CilError } from 'cil-error';
import { unavailableLibrary } from './unavailable.js';
import { WASM_HEX } from 'cil-wasm-hex';

function bytes(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    const a = hex.charCodeAt(j), b = hex.charCodeAt(j + 1);
    out[i] = ((a < 58 ? a - 48 : a - 87) << 4) | (b < 58 ? b - 48 : b - 87);
  }
  return out;
}

let Library = ConnectsIntegrationLibrary;
try {
  // `new WebAssembly.Module` inside: a CSP without 'wasm-unsafe-eval' throws here.
  initSync({ module: bytes(WASM_HEX) });
} catch (e) {
  Library = unavailableLibrary(e, CilError);
}
window.ConnectsIntegrationLibrary = Library;
window.CilError = CilError;
window.cil = Library.defaultInstance();
