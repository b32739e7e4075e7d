#!/usr/bin/env bash
# Where the drop-in's bytes go: builds the client wasm with symbol names (into .cache/size-target,
# not disturbing the release build), runs wasm-bindgen on it, and prints the function body sizes
# by crate and the largest functions (scripts/size-report.mjs), then the shipped sizes (gzip -9)
# of the drop-in as js/cil/build.sh makes it. Not part of npm test.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
target="$CIL_ROOT/.cache/size-target"
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$HOME=~ --remap-path-prefix=$CIL_ROOT=." \
  CARGO_TARGET_DIR="$target" CARGO_PROFILE_RELEASE_STRIP=debuginfo \
  cargo build -q --release --target wasm32-unknown-unknown -p connects-cil
out="$target/named"
rm -rf "$out"
"${WASM_BINDGEN:-$HOME/.cargo/bin/wasm-bindgen}" --target web --no-typescript --out-dir "$out" \
  --out-name cil "$target/wasm32-unknown-unknown/release/connects_cil.wasm" 2>/dev/null
echo "== function bodies by crate (wasm-bindgen output, before wasm-opt), bytes"
node scripts/size-report.mjs "$out/cil_bg.wasm" "${1:-25}"
if [ -f dist/cil.js ]; then
  echo "== shipped (gzip -9)"
  for f in dist/cil.js dist/esm/cil_bg.wasm dist/esm/cil.js; do
    [ -f "$f" ] && printf '%-24s %8d bytes raw %7d bytes gzip\n' "$f" "$(wc -c < "$f")" "$(gzip -9c "$f" | wc -c)"
  done
fi
