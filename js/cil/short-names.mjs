// Gives wasm-bindgen's glue the short import and export names that wasm-opt's
// --minify-imports-and-exports-and-modules gave the wasm. wasm-bindgen names every import
// `__wbg_<name>_<16 hex digits of hash>` under the module "./cil_bg.js", and every export
// `connectsintegrationlibrary_<method>`; both names are written twice (in the wasm and in the
// glue), and the hashes do not compress: about 2 KB of the drop-in's gzip went to them.
// wasm-opt renames them in the wasm and prints the mapping (JSON: imports [module, old, new],
// exports [old, new]); this script applies the mapping to the glue, where the names occur as
// the keys of the imports object (`__wbg_…: function(`), as `wasm.<export>` reads, and as the
// module key "./cil_bg.js". It fails the build if a name of the mapping is not found exactly
// where expected, or if the glue reads an export the wasm no longer has: a half-renamed glue
// would only fail when the page loads.
// Usage: node js/cil/short-names.mjs <mapping.json> <glue.js> <renamed .wasm>
import fs from 'node:fs';

const [mapFile, glueFile, wasmFile] = process.argv.slice(2);
const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
let glue = fs.readFileSync(glueFile, 'utf8');
const fail = (message) => {
  console.error(`short-names: ${message}`);
  process.exit(1);
};

const modules = new Set(map.imports.map(([module]) => module));
if (modules.size !== 1 || !modules.has('./cil_bg.js')) fail(`unexpected import modules ${[...modules]}`);
// The one module name the renamed wasm imports from (the mapping does not print it).
const newModule = importModules(fs.readFileSync(wasmFile));
if (newModule.size !== 1) fail(`the renamed wasm imports from ${newModule.size} modules`);
const moduleKey = '"./cil_bg.js": import0';
if (glue.split(moduleKey).length !== 2) fail(`the imports object key ${moduleKey} is not there once`);
glue = glue.replace(moduleKey, `${JSON.stringify([...newModule][0])}: import0`);

for (const [, from, to] of map.imports) {
  // Each import is one key of the imports object: `        <name>: function(`.
  const key = new RegExp(`(\\n\\s+)${from.replace(/\$/g, '\\$')}(: function\\()`, 'g');
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`import ${from} found ${found} times as a key`);
  glue = glue.replace(key, `$1${JSON.stringify(to)}$2`);
}

const exports = new Map(map.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
  const to = exports.get(name);
  if (to === undefined) fail(`the glue reads wasm.${name}, which the mapping does not rename`);
  return `wasm[${JSON.stringify(to)}]`;
});
fs.writeFileSync(glueFile, glue);

/** The module names of a wasm's imports (section 2), read from the binary. */
function importModules(bytes) {
  let at = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  const name = () => {
    const length = leb();
    const text = bytes.subarray(at, at + length).toString();
    at += length;
    return text;
  };
  const found = new Set();
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) {
      for (let n = leb(), i = 0; i < n; i++) {
        found.add(name());
        name();
        // The import's description: a function (type index), table, memory or global.
        const kind = bytes[at++];
        if (kind === 0) leb();
        else if (kind === 1) { at++; if (bytes[at++] & 1) { leb(); leb(); } else leb(); }
        else if (kind === 2) { if (bytes[at++] & 1) { leb(); leb(); } else leb(); }
        else if (kind === 3) at += 2;
        else fail(`unknown import kind ${kind}`);
      }
      return found;
    }
    at = end;
  }
  return found;
}
