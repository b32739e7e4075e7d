// connects-cil as an ES module for bundlers (webpack 5, Vite): dist/esm/index.js. The module
// instantiates the wasm next to it (cil_bg.wasm) before it finishes loading (top-level await),
// so importers get ready objects, exactly like the drop-in's globals.
import init, { ConnectsIntegrationLibrary as Client } from './cil.js';
import { CilError } from 'cil-error';
import { unavailableLibrary } from './unavailable.js';

let Library = Client;
try {
  await init({ module_or_path: new URL('./cil_bg.wasm', import.meta.url) });
} catch (e) {
  Library = unavailableLibrary(e, CilError);
}

/** The client class: `new ConnectsIntegrationLibrary(options)`, or its static methods. */
export { Library as ConnectsIntegrationLibrary, CilError };
/** The default instance, talking to `window.parent` with the page's configuration. */
export const cil = Library.defaultInstance();
/** Creates a client: `createCil({ allowedOrigins: ['https://gadget.example'] })`. */
export function createCil(options) {
  return new Library(options);
}
export default Library;
