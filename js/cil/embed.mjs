// Writes the drop-in's embedded wasm as an ES module for esbuild: the bytes as one string of
// characters U+0000..U+00FF (byte b as char (b + SHIFT) & 255), which dist/cil.js carries as
// UTF-8, plus SHIFT. Why this form: hex doubles every byte and gzip only wins part of it back
// (about +10 % over the gzipped .wasm); base64 regroups bits so gzip finds few repeats (+30 %).
// A byte as a character keeps the module's repeats where they are; only bytes 128..255 grow, to
// two UTF-8 bytes, and gzip codes those prefixes in about a bit. esbuild writes the string as a
// template literal and escapes the few characters that need it (NUL, backtick, backslash, `${`,
// CR); the shift moves the wasm's most frequent bytes (0x00, 0x01) off those characters. The
// shift is chosen here, for this wasm, by trying each of 0..63 and keeping the smallest gzip.
// Usage: node js/cil/embed.mjs <cil_bg.wasm> <out.js>
import fs from 'node:fs';
import zlib from 'node:zlib';
import { transformSync } from 'esbuild';

const [wasmFile, outFile] = process.argv.slice(2);
const bytes = fs.readFileSync(wasmFile);
const moduleText = (shift) => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192).map((b) => (b + shift) & 255));
  }
  return `export const WASM_SHIFT = ${shift};\nexport const WASM_TEXT = ${JSON.stringify(text)};\n`;
};
const gzipped = (source) =>
  zlib.gzipSync(transformSync(source, { minify: true, charset: 'utf8' }).code, { level: 9 }).length;
let best = { shift: 0, size: Infinity };
for (let shift = 0; shift < 64; shift++) {
  const size = gzipped(moduleText(shift));
  if (size < best.size) best = { shift, size };
}
fs.writeFileSync(outFile, moduleText(best.shift));
