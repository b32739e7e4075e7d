#!/usr/bin/env bash
# Ships connects-cil/testing (the Playwright test kit) into dist/testing/: index.js, host.html and
# host.js as written (Node and the browser run them unbundled, so they need no build), the typings
# with their import of the simulator's types pointed at the shipped copy
# (../simulator/index.js in js/, ../simulator-esm/index.js in dist/), and a package.json that
# makes the .js files ES modules (the root package.json has no "type").
# The kit serves ../gadget-simulator.js and its .wasm: run after js/simulator/build.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out=dist/testing
rm -rf "$out"
mkdir -p "$out"
cp js/testing/index.js js/testing/host.html js/testing/host.js "$out/"
sed "s#'../simulator/index.js'#'../simulator-esm/index.js'#" js/testing/index.d.ts > "$out/index.d.ts"
grep -q "'../simulator-esm/index.js'" "$out/index.d.ts" || { echo "js/testing/build.sh: the typings' simulator import was not rewritten" >&2; exit 1; }
printf '{\n  "type": "module",\n  "sideEffects": false\n}\n' > "$out/package.json"
ls -l "$out"
