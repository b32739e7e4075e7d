// The error every failed cil call rejects with. It is a JS class (a real `Error`, with a stack)
// because wasm-bindgen's exported classes cannot extend `Error`; the Rust client
// (src/error.rs) imports it and creates every instance, and the builds export it as `CilError`.
// It holds data only: the codes and messages are decided in Rust.
export class CilError extends Error {
  constructor(message, code, requestId) {
    super(message);
    this.name = 'CilError';
    this.code = code;
    this.requestId = requestId || '';
  }
}
