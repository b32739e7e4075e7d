#!/usr/bin/env bash
# Builds every shipped artifact into dist/ (release, wasm-opt'ed):
#   dist/cil.js                               the drop-in client, one file (js/cil/build.sh)
#   dist/esm/                                 the client as an ES module for bundlers
#   dist/gadget-simulator.js + its wasm       the drop-in simulator   (js/simulator/build.sh)
# then the demo with webpack (www/ → www/dist/).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
mkdir -p dist
for part in js/cil/build.sh js/simulator/build.sh; do
  if [ -f "$part" ]; then
    echo "build: $part"
    bash "$part"
  fi
done
if [ -f webpack.config.js ] && [ -d www ]; then
  echo "build: webpack (www → www/dist)"
  webpack --mode production --no-color >.cache/webpack.log 2>&1 || { cat .cache/webpack.log; exit 1; }
fi
