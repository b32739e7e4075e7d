#!/usr/bin/env bash
# Builds the gadget simulator for the browser, two ways:
#   dist/gadget-simulator.js + dist/gadget-simulator_bg.wasm
#       the drop-in classic script (wasm-bindgen --target no-modules, wrapped in an IIFE with
#       the facade; defines window.GadgetSimulator and finds its .wasm next to itself);
#   dist/simulator-esm/  (index.js + cil_simulator_web*.js + .wasm)
#       an ES module for bundlers (wasm-bindgen --target bundler; webpack 5 with
#       experiments.asyncWebAssembly), used by the demo.
# wasm-opt -Oz runs when npm's binaryen is installed (never Debian's: it corrupts this output).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -f "$root/scripts/env.sh" ]; then . "$root/scripts/env.sh"; fi
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cd "$root"

cargo build --release --target wasm32-unknown-unknown -p cil-simulator-web
wasm="target/wasm32-unknown-unknown/release/cil_simulator_web.wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

wasm-bindgen --target no-modules --no-typescript --out-dir "$tmp/classic" --out-name gadget-simulator "$wasm"
wasm-bindgen --target bundler --out-dir "$tmp/esm" --out-name cil_simulator_web "$wasm"

optimize() {
  if [ -x "$root/node_modules/.bin/wasm-opt" ]; then
    "$root/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$1" -o "$1.opt" && mv "$1.opt" "$1"
  else
    echo "js/simulator/build.sh: node_modules/.bin/wasm-opt missing, skipping wasm-opt" >&2
  fi
}
optimize "$tmp/classic/gadget-simulator_bg.wasm"
optimize "$tmp/esm/cil_simulator_web_bg.wasm"

rm -rf dist/simulator-esm
mkdir -p dist dist/simulator-esm
# Classic: one IIFE so the wasm-bindgen global stays private; the facade finds the wasm
# next to the script (document.currentScript is only valid while the script first runs).
{
  echo "/* connects-cil gadget simulator (drop-in build). See docs/simulator-api.md. */"
  echo "(function () {"
  echo "'use strict';"
  echo "var __simScript = document.currentScript && document.currentScript.src;"
  cat "$tmp/classic/gadget-simulator.js"
  cat "$here/facade-classic.js"
  echo "})();"
} > dist/gadget-simulator.js
cp "$tmp/classic/gadget-simulator_bg.wasm" dist/gadget-simulator_bg.wasm

cp "$tmp/esm/"cil_simulator_web* dist/simulator-esm/
cp "$here/index.js" dist/simulator-esm/index.js
cp "$here/index.d.ts" dist/simulator-esm/index.d.ts
cp "$here/index.d.ts" dist/gadget-simulator.d.ts
ls -l dist/gadget-simulator.js dist/gadget-simulator_bg.wasm dist/simulator-esm/
