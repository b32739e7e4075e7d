// Shortens the wasm import names wasm-bindgen generates (`__wbg_instanceof_MessageEvent_<16 hex
// digits>`, ~90 of them: ~5 KiB of barely compressible text, in the .wasm and again in the glue)
// to short ones, in both the .wasm and its JS glue(s).
// Usage: node minify-imports.mjs in.wasm out.wasm glue.js [glue.js…]   (glue files edited in place)
import fs from 'node:fs';

const [input, output, ...glues] = process.argv.slice(2);
const b = fs.readFileSync(input);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
const enc = (n) => { const out = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; out.push(x); } while (n); return Buffer.from(out); };
const str = (s) => { const d = Buffer.from(s, 'utf8'); return Buffer.concat([enc(d.length), d]); };

const parts = [b.subarray(0, 8)];
const mapping = new Map();
const short = (i) => '_' + i.toString(36);
while (p < b.length) {
  const start = p;
  const id = b[p++];
  const len = leb();
  const body = p;
  const end = p + len;
  if (id !== 2) { parts.push(b.subarray(start, end)); p = end; continue; }
  const count = leb();
  const items = [enc(count)];
  for (let i = 0; i < count; i++) {
    let l = leb(); const mod = b.subarray(p, p + l).toString(); p += l;
    l = leb(); const field = b.subarray(p, p + l).toString(); p += l;
    const descStart = p;
    const kind = b[p++];
    if (kind === 0) leb();
    else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
    else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
    else if (kind === 3) { p += 2; }
    else if (kind === 4) { p++; leb(); }
    else throw new Error('unknown import kind ' + kind);
    // Only wasm-bindgen's hashed names: they are unique tokens, safe to replace in the glue.
    let name = field;
    if (/^__wbg_[A-Za-z0-9_]+_[0-9a-f]{16}$/.test(field)) {
      if (!mapping.has(field)) mapping.set(field, short(mapping.size));
      name = mapping.get(field);
    }
    items.push(str(mod), str(name), b.subarray(descStart, p));
  }
  if (p !== end) throw new Error('import section parse mismatch');
  const payload = Buffer.concat(items);
  parts.push(Buffer.from([2]), enc(payload.length), payload);
  void body;
}
fs.writeFileSync(output, Buffer.concat(parts));
for (const glue of glues) {
  let js = fs.readFileSync(glue, 'utf8');
  for (const [from, to] of mapping) {
    const before = js;
    js = js.split(from).join(to);
    if (js === before) throw new Error(`${glue}: import ${from} not found`);
  }
  fs.writeFileSync(glue, js);
}
console.error(`minify-imports: ${mapping.size} import names shortened`);
