// connects-cil/manual (dist/esm/manual.js): the ES module without the automatic start, for pages
// that must hand the WebAssembly over themselves: a CSP whose connect-src does not allow fetching
// cil_bg.wasm, a host that cannot serve a .wasm file, or a page that already holds the bytes or a
// compiled WebAssembly.Module. Only wiring: wasm-bindgen's own init / initSync take the source,
// and the result is the same set of objects the main entry (index.js) exports.
import initWasm, { initSync as initWasmSync, ConnectsIntegrationLibrary as Client } from './cil.js';
import { CilError } from 'cil-error';
import { unavailableLibrary } from './unavailable.js';

export { CilError };

function exportsOf(Library) {
  return {
    ConnectsIntegrationLibrary: Library,
    CilError,
    cil: Library.defaultInstance(),
    createCil: (options) => new Library(options),
  };
}

/**
 * Instantiates the client from `source`: bytes (ArrayBuffer, typed array), a compiled
 * WebAssembly.Module, a Response (or a Promise of one), or a URL / Request to fetch (none: the
 * cil_bg.wasm next to this module). Resolves to `{ ConnectsIntegrationLibrary, CilError, cil,
 * createCil }`; if the wasm cannot run, to the stand-in whose calls reject with WASM_UNAVAILABLE.
 */
export async function init(source) {
  try {
    await initWasm({ module_or_path: source });
    return exportsOf(Client);
  } catch (e) {
    return exportsOf(unavailableLibrary(e, CilError));
  }
}

/** The same from bytes or a WebAssembly.Module, synchronously (as the drop-in does). */
export function initSync(source) {
  try {
    initWasmSync({ module: source });
    return exportsOf(Client);
  } catch (e) {
    return exportsOf(unavailableLibrary(e, CilError));
  }
}
