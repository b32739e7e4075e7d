// connects-cil as an ES module for bundlers: the wasm next to this file is loaded on first use.
import { loadCilWasm } from './loader.js';
import { createCilApi } from './facade.js';

const api = createCilApi(() => loadCilWasm(new URL('./cil_bg.wasm', import.meta.url).href));

/** The client class: `new ConnectsIntegrationLibrary(options)`, or its static methods. */
export const ConnectsIntegrationLibrary = api.ConnectsIntegrationLibrary;
/** The error every failed call rejects with (`code`, `message`, `requestId`). */
export const CilError = api.CilError;
/** A default instance talking to `window.parent`; it connects on first use. */
export const cil = api.defaultInstance();
/** Creates a client: `createCil({ allowedOrigins: ['https://gadget.example'] })`. */
export function createCil(options) {
  return new ConnectsIntegrationLibrary(options);
}
export default ConnectsIntegrationLibrary;
