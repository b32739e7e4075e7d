// The drop-in script's loader for cil_bg.wasm: instantiates it and exposes src/abi.rs's
// `cil(handle, op, a, b, c, x, y, z, now)`, and `text(handle, i)` built on it, with the calling
// convention of wasm-bindgen 0.2.130 (pinned in Cargo.toml). It replaces wasm-bindgen's generic
// glue (about 1 KB gzip more) in both builds: the ES module build ships it as loader.js. Strings
// go in as the UTF-8 bytes of a string and nothing else (see `pass`), so a caller passing a
// non-string cannot make the allocator see a bogus length. build.sh checks the wasm's imports
// and exports against what this file uses and refuses to build when they differ.
function loadCilWasm(url) {
  var w;
  var mem = null; // a view of the wasm memory, renewed after the memory grows (which empties it)
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: false });
  var at = 1; // where the last `pass` put its string
  // A JS string into wasm memory, as wasm-bindgen passes a `&str`: UTF-8 bytes in a block from
  // the crate's allocator, which the callee takes over. Returns the length and leaves the
  // address in `at`. An empty string is (1, 0): what the allocator itself answers for 0 bytes
  // (a dangling, aligned pointer, never freed); most calls pass only empty strings. ASCII (every
  // method name, key and most values) is copied byte by byte, which is faster than TextEncoder
  // for short strings and allocates nothing on the JS side; anything else is encoded. A
  // non-string (the facade passes none) is taken as empty.
  function pass(s) {
    var n = typeof s == 'string' ? s.length : 0, i = 0;
    if (!n) return (at = 1), 0;
    while (i < n && s.charCodeAt(i) < 128) i++;
    var bytes = i < n ? encoder.encode(s) : null;
    if (bytes) n = bytes.length;
    at = w.__wbindgen_export(n, 1) >>> 0;
    if (!mem || !mem.length) mem = new Uint8Array(w.memory.buffer);
    if (bytes) mem.set(bytes, at);
    else for (i = 0; i < n; i++) mem[at + i] = s.charCodeAt(i);
    return n;
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
        var al = pass(a), ap = at, bl = pass(b), bp = at, cl = pass(c);
        return w.cil(handle, op, ap, al, bp, bl, at, cl, x, y, z, now);
      },
      text: function (handle, i) {
        // Text field i of a client, read from wasm memory where the client keeps it
        // (src/abi.rs: TEXT_LEN = 26, TEXT_AT = 27) and decoded at once.
        var n = w.cil(handle, 26, 1, 0, 1, 0, 1, 0, i, 0, 0, 0);
        var p = w.cil(handle, 27, 1, 0, 1, 0, 1, 0, i, 0, 0, 0);
        return n ? decoder.decode(new Uint8Array(w.memory.buffer, p, n)) : '';
      }
    };
  });
}
