#!/usr/bin/env bash
# Builds every shipped artifact into dist/ (release, wasm-opt'ed):
#   dist/cil.js                               the drop-in client, one file (js/cil/build.sh)
#   dist/esm/                                 the client as an ES module for bundlers
#   dist/gadget-simulator.js + its wasm       the drop-in simulator   (js/simulator/build.sh)
#   dist/simulator-esm/                       the simulator as an ES module for bundlers
#   dist/testing/                             connects-cil/testing, the Playwright test kit (js/testing/build.sh)
# then the demo with webpack (www/ → www/dist/).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
mkdir -p dist .cache
for part in js/cil/build.sh js/simulator/build.sh js/testing/build.sh; do
  if [ -f "$part" ]; then
    echo "build: $part"
    bash "$part"
  fi
done
# The simulator's ES module (wasm-bindgen --target bundler) as a package would have it: ES modules
# for Node's and TypeScript's node16 resolution, and the one file with side effects (it hands the
# wasm to the glue) named for bundlers: webpack reads sideEffects from the nearest package.json,
# Rolldown (Vite) from the package's root one, which lists the file too.
if [ -d dist/simulator-esm ]; then
  printf '{\n  "type": "module",\n  "sideEffects": ["./cil_simulator_web.js"]\n}\n' > dist/simulator-esm/package.json
fi
if [ -f webpack.config.js ] && [ -d www ]; then
  echo "build: webpack (www → www/dist)"
  webpack --mode production --no-color >.cache/webpack.log 2>&1 || { cat .cache/webpack.log; exit 1; }
fi
