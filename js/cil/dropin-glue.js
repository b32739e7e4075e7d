// The drop-in script's loader for cil_bg.wasm: instantiates it and exposes the two functions of
// src/abi.rs, `cil(handle, op, a, b, c, x, y, z, now)` and `text(handle, i)`, with the calling
// convention of wasm-bindgen 0.2.130 (pinned in Cargo.toml). It replaces wasm-bindgen's generic
// glue (about 1 KB gzip more) in both builds: the ES module build ships it as loader.js. Strings
// are encoded by TextEncoder, which converts any value it is given, so a caller passing a
// non-string cannot make the allocator see a bogus length. build.sh checks the wasm's imports and exports against what this file uses
// and refuses to build when they differ.
function loadCilWasm(url) {
  var w;
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: false });
  // An empty `&str` is (1, 0): what the allocator itself answers for 0 bytes (a dangling,
  // aligned pointer, never freed). Most calls on the hot path pass only empty strings.
  var empty = [1, 0];
  // A JS string into wasm memory, as wasm-bindgen passes a `&str`: UTF-8 bytes in a block from
  // the crate's allocator, which the callee takes over.
  function pass(s) {
    if (!s) return empty;
    var bytes = encoder.encode(s);
    var ptr = w.__wbindgen_export(bytes.length, 1) >>> 0;
    new Uint8Array(w.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }
  var imports = { './cil_bg.js': { __wbindgen_init_externref_table: function () {} } };
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error('HTTP ' + response.status + ' ' + response.statusText);
    return response.arrayBuffer();
  }).then(function (bytes) {
    return WebAssembly.instantiate(bytes, imports);
  }).then(function (result) {
    w = result.instance.exports;
    w.__wbindgen_start();
    return {
      cil: function (handle, op, a, b, c, x, y, z, now) {
        var A = pass(a), B = pass(b), C = pass(c);
        return w.cil(handle, op, A[0], A[1], B[0], B[1], C[0], C[1], x, y, z, now);
      },
      text: function (handle, i) {
        // A returned String: (ptr, len) written at a stack slot; the block is then freed.
        var slot = w.__wbindgen_add_to_stack_pointer(-16) >>> 0;
        try {
          w.text(slot, handle, i);
          var at = new Int32Array(w.memory.buffer, slot, 2);
          var ptr = at[0] >>> 0, len = at[1];
          var s = decoder.decode(new Uint8Array(w.memory.buffer, ptr, len));
          w.__wbindgen_export3(ptr, len, 1);
          return s;
        } finally {
          w.__wbindgen_add_to_stack_pointer(16);
        }
      }
    };
  });
}
