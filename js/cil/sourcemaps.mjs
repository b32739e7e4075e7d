// Tidies the source maps js/cil/build.sh has esbuild write: esbuild read some sources from the
// build's temporary directory (wasm-bindgen's output, the entries with their snippet import
// rewritten), so their names would be a random /tmp path. They are named as if that directory
// were the repository root instead (`wasm-bindgen/cil.js`, `js/cil/esm.js`), and the wasm
// written as text is not repeated in sourcesContent (the map would double the drop-in's size for
// a text nobody reads). Every other source, and every mapping, stays as esbuild wrote it.
// Usage: node js/cil/sourcemaps.mjs <temporary dir> <repository root> <map>...
import fs from 'node:fs';
import path from 'node:path';

const [tmp, root, ...maps] = process.argv.slice(2).map((p) => path.resolve(p));
for (const file of maps) {
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  map.sources = map.sources.map((source, i) => {
    const abs = path.resolve(dir, source);
    if (!abs.startsWith(tmp + path.sep)) return source;
    const rel = path.relative(tmp, abs);
    if (rel.endsWith('.wasm.text.js')) {
      map.sourcesContent[i] = '// The cil WebAssembly module as text (left out here; it is cil_bg.wasm of the ES module build).\n';
    }
    return path.relative(dir, path.join(root, rel)).split(path.sep).join('/');
  });
  fs.writeFileSync(file, JSON.stringify(map));
}
