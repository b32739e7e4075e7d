// Typings of connects-cil/manual (dist/esm/manual.js): the ES module that starts when the page
// hands it the WebAssembly. The API itself is typed in index.d.ts (js/cil/cil.d.ts).
import type { CilError, CilOptions, ConnectsIntegrationLibrary, ConnectsIntegrationLibraryConstructor } from './cil.js';

export { CilError } from './cil.js';
export type * from './cil.js';

/** What `init` accepts: bytes, a compiled module, a Response (or its Promise), or a URL to fetch. */
export type CilWasmSource =
  | BufferSource
  | WebAssembly.Module
  | Response
  | PromiseLike<Response>
  | URL
  | string
  | Request;

/** The objects the main entry (`connects-cil`) exports, once the WebAssembly is instantiated. */
export interface CilExports {
  /** The client class: `new ConnectsIntegrationLibrary(options)`, or its static methods. */
  ConnectsIntegrationLibrary: ConnectsIntegrationLibraryConstructor;
  CilError: typeof CilError;
  /** The default instance, talking to `window.parent` with the page's configuration. */
  cil: ConnectsIntegrationLibrary;
  /** Creates a client. */
  createCil(options?: CilOptions): ConnectsIntegrationLibrary;
}

/**
 * Instantiates the client from `source` (no argument: fetches `cil_bg.wasm` next to the module).
 * If the WebAssembly cannot run, resolves to a stand-in whose calls reject with `WASM_UNAVAILABLE`.
 * Once the module is instantiated, later calls reuse it, whatever source they are given.
 */
export declare function init(source?: CilWasmSource): Promise<CilExports>;
/** The same, synchronously, from bytes or a `WebAssembly.Module`. */
export declare function initSync(source: BufferSource | WebAssembly.Module): CilExports;
