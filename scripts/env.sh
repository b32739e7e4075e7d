# shellcheck shell=bash
# Sourced by every project script: one place that says where the tools are.
#
# * cargo-installed tools (wasm-bindgen, wasm-pack) live in ~/.cargo/bin;
# * node_modules/.bin comes first so that `wasm-opt` is npm's binaryen (Debian's binaryen 108
#   corrupts wasm-bindgen 0.2.130 output, see TOOLCHAIN.md) and wasm-pack finds it offline;
# * when setup had to take the Debian route to the wasm32 target, it records the linked
#   toolchain in .cache/toolchain.env and every later cargo call uses it.

CIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CIL_ROOT
export PATH="$CIL_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CIL_CHROMIUM="${CIL_CHROMIUM:-/usr/bin/chromium}"
if [ -f "$CIL_ROOT/.cache/toolchain.env" ]; then
  # shellcheck source=/dev/null
  . "$CIL_ROOT/.cache/toolchain.env"
fi
