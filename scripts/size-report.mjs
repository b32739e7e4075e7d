// Where the client's wasm bytes go: function body sizes from a wasm's name section, summed by
// crate, and the largest functions. Used by scripts/size.sh on wasm-bindgen's output before
// wasm-opt (which merges functions and loses their names); twiggy 0.8 cannot read this module
// (it uses reference types). Read-only; no dependencies.
//
//   node scripts/size-report.mjs <file.wasm> [largest=30]
import fs from 'node:fs';
const b = fs.readFileSync(process.argv[2]);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
let imported = 0; const bodies = []; const names = new Map(); let dataSize = 0;
while (p < b.length) {
  const id = b[p++]; const size = leb(); const end = p + size;
  if (id === 2) { let n = leb(); for (let i = 0; i < n; i++) { let l = leb(); p += l; l = leb(); p += l; const k = b[p++]; if (k === 0) { leb(); imported++; } else if (k === 1) { p++; const f = b[p++]; leb(); if (f & 1) leb(); } else if (k === 2) { const f = b[p++]; leb(); if (f & 1) leb(); } else if (k === 3) { p += 2; } else { leb(); } } }
  else if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const s = leb(); bodies.push(s); p += s; } }
  else if (id === 11) dataSize = size;
  else if (id === 0) { const l = leb(); const name = b.slice(p, p + l).toString(); p += l; if (name === 'name') { while (p < end) { const sid = b[p++]; const ss = leb(); const se = p + ss; if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); const nl = leb(); names.set(idx, b.slice(p, p + nl).toString()); p += nl; } } p = se; } } }
  p = end;
}
const rows = bodies.map((s, i) => [s, (names.get(i + imported) || ('func' + (i + imported))).replace(/::h[0-9a-f]{16}/g, '').replace(/\[[0-9a-f]+\]/g, '')]);
const groups = {};
// The crate of a function: the first path segment, looking through `<T as Trait>` wrappers
// (`<alloc::vec::Vec<T> as …>::f` counts for alloc). Unnamed helpers of wasm-bindgen's glue
// (`__wbindgen_…`, shims) are counted as wasm_bindgen.
const crateOf = (n) => {
  const k = n.replace(/^<+/, '').split('::')[0].split(' ')[0];
  return /^(__wbindgen|__wbg|func\d+|Closure|Ref\(|connectsintegrationlibrary_)/.test(k) ? 'wasm_bindgen (glue, shims)' : k;
};
for (const [s, n] of rows) { const k = crateOf(n); groups[k] = (groups[k] || 0) + s; }
console.log('code', rows.reduce((a, r) => a + r[0], 0), 'data', dataSize, 'functions', rows.length);
console.log(Object.entries(groups).sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${String(v).padStart(7)} ${k}`).join('\n'));
console.log('--- largest');
console.log(rows.sort((a, b) => b[0] - a[0]).slice(0, +(process.argv[3] || 30)).map(([s, n]) => `${String(s).padStart(7)} ${n.slice(0, 140)}`).join('\n'));
