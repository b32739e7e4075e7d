#!/usr/bin/env bash
# Builds the connects-cil client into dist/:
#   dist/cil.js + dist/cil_bg.wasm   drop-in script (the small loader dropin-glue.js + the facade,
#                                    in one IIFE: only cil, ConnectsIntegrationLibrary and
#                                    CilError become globals), minified with terser when present
#   dist/esm/                        ES module build for bundlers (the same loader and wasm)
#   dist/cil.d.ts, dist/esm/index.d.ts  the typings
# and prints raw and gzip sizes. Size steps: wasm import names shortened (minify-imports.mjs),
# then wasm-opt -Oz from npm's binaryen (node_modules/.bin): Debian's binaryen corrupts
# wasm-bindgen 0.2.130 output, so it is never used.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
WASM_BINDGEN="${WASM_BINDGEN:-$HOME/.cargo/bin/wasm-bindgen}"
[ -x "$WASM_BINDGEN" ] || WASM_BINDGEN=wasm-bindgen
WASM_OPT="$root/node_modules/.bin/wasm-opt"
TERSER="$root/node_modules/.bin/terser"

cargo build --release --target wasm32-unknown-unknown -p connects-cil
wasm="$root/target/wasm32-unknown-unknown/release/connects_cil.wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# `strip = true` drops the target_features section; wasm-bindgen warns about it, harmlessly.
"$WASM_BINDGEN" --target web --no-typescript --out-dir "$tmp/web" --out-name cil "$wasm" 2>/dev/null
node js/cil/minify-imports.mjs "$tmp/web/cil_bg.wasm" "$tmp/min.wasm" "$tmp/web/cil.js"
# The drop-in uses its own small loader (dropin-glue.js) instead of wasm-bindgen's glue: make
# sure the wasm still has exactly the interface that loader speaks.
node -e '
const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
const imports = WebAssembly.Module.imports(m).map((i) => i.module + "." + i.name).sort().join(" ");
const exports = new Set(WebAssembly.Module.exports(m).map((e) => e.name));
const need = ["memory", "cil", "__wbindgen_export", "__wbindgen_start"];
const missing = need.filter((n) => !exports.has(n));
if (imports !== "./cil_bg.js.__wbindgen_init_externref_table" || missing.length) {
  console.error("error: the wasm interface changed (imports: " + imports + "; missing exports: " +
    missing.join(" ") + "): update js/cil/dropin-glue.js");
  process.exit(1);
}' "$tmp/min.wasm"
rm -rf dist/cil.js dist/cil_bg.wasm dist/cil.d.ts dist/esm
mkdir -p dist/esm
if [ -x "$WASM_OPT" ]; then
  # --flatten --rereloop then -Oz again: measured 450 bytes (gzip) smaller than -Oz alone.
  "$WASM_OPT" -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types "$tmp/min.wasm" -o dist/cil_bg.wasm
else
  echo "warning: $WASM_OPT missing (run npm ci): dist wasm is not optimized" >&2
  cp "$tmp/min.wasm" dist/cil_bg.wasm
fi
cp dist/cil_bg.wasm dist/esm/cil_bg.wasm

# Drop-in: head, loader, facade (without `export`), tail — one IIFE.
{
  cat js/cil/dropin-head.js
  cat js/cil/dropin-glue.js
  sed -e 's/^export function createCilApi/function createCilApi/' js/cil/facade.js
  cat js/cil/dropin-tail.js
} > "$tmp/cil.js"
if [ -x "$TERSER" ]; then
  "$TERSER" "$tmp/cil.js" --compress passes=2 --mangle --comments '/^!/' --ecma 2020 -o dist/cil.js
else
  echo "warning: $TERSER missing: dist/cil.js is not minified" >&2
  cp "$tmp/cil.js" dist/cil.js
fi

# The ES module build shares the drop-in's loader, so wasm-bindgen's generated glue (whose string
# passing trusts its callers' types) is never shipped: no module exports the raw ABI unguarded.
{ cat js/cil/dropin-glue.js; echo 'export { loadCilWasm };'; } > dist/esm/loader.js
cp js/cil/facade.js dist/esm/facade.js
cp js/cil/esm-index.js dist/esm/index.js
cp js/cil/cil.d.ts dist/cil.d.ts
cp js/cil/cil.d.ts dist/esm/index.d.ts

size() { printf '%-22s %7d bytes raw %7d bytes gzip -9\n' "$1" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"; }
size dist/cil_bg.wasm
size dist/cil.js
total_raw=$(( $(wc -c < dist/cil_bg.wasm) + $(wc -c < dist/cil.js) ))
total_gz=$(( $(gzip -9 -c dist/cil_bg.wasm | wc -c) + $(gzip -9 -c dist/cil.js | wc -c) ))
printf '%-22s %7d bytes raw %7d bytes gzip -9\n' "drop-in total" "$total_raw" "$total_gz"
