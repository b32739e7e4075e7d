#!/usr/bin/env bash
# Provisions everything connects-cil needs, from scratch, on a Debian 12 machine with root and the
# package registries only (crates.io, npm, Debian); a fast no-op when everything is in place.
#
# One line per step: what, done/skipped/failed, seconds. On failure it names the step and stops.
# Order: cheap checks first, so the warm run costs about a second.
set -uo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
mkdir -p .cache

step_started=0
begin() { step_name="$1"; step_started=$(date +%s.%N); }
finish() { # $1 = done | skipped
  local secs; secs=$(awk -v a="$step_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  printf 'setup: %-34s %-8s %6ss\n' "$step_name" "$1" "$secs"
}
fail() {
  printf 'setup: %-34s FAILED\nsetup: cannot continue: %s\n' "$step_name" "$1" >&2
  exit 1
}
apt_updated=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available (a Debian-like machine is needed for: $*)"
  [ "$(id -u)" = 0 ] || fail "installing $* needs root (run as root, or install them yourself)"
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >.cache/apt.log 2>&1 || fail "apt-get update failed (see .cache/apt.log)"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>.cache/apt.log 2>&1 \
    || fail "apt-get install $* failed (see .cache/apt.log)"
}

# --- 1. node and npm (the test runner, webpack and wasm-opt are npm packages) ---------------------
begin "node + npm"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then finish skipped
else apt_install nodejs npm; finish done; fi
# package.json's engines: Vite 8 (and its Rolldown) need ^20.19 or >= 22.12, webpack-cli 7 >= 20.9.
begin "node version (^20.19 || >=22.12)"
if node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)'; then finish checked
else fail "node $(node --version) is too old: the dev tools (Vite 8, webpack-cli 7) need ^20.19.0 or >= 22.12.0"; fi

# --- 2. cargo -------------------------------------------------------------------------------------
begin "cargo"
if command -v cargo >/dev/null 2>&1; then finish skipped
else apt_install rustc cargo; finish done; fi

# --- 3. the wasm32-unknown-unknown target -----------------------------------------------------------
has_wasm_std() {
  local dir; dir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  ls "$dir"/libstd-*.rlib >/dev/null 2>&1
}
# The Debian route: Debian's rustc-web plus a wasm32 std built from its sources, linked as a rustup
# toolchain named "wasm" so that cargo, wasm-pack and wasm-bindgen-test all find it.
debian_wasm_toolchain() {
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  local libdir commit stamp sysroot_src=.cache/wasm-sysroot
  libdir=$(/usr/bin/rustc --print target-libdir --target wasm32-unknown-unknown) || fail "Debian rustc has no wasm32 target"
  commit=$(/usr/bin/rustc -vV | sed -n 's/^commit-hash: //p')
  stamp="$libdir/.cil-sysroot-$commit"
  if [ ! -f "$stamp" ]; then
    # Built once per rustc commit: rlibs from another rustc fail with E0514.
    rm -rf "$sysroot_src"; mkdir -p "$sysroot_src/src"
    printf '[package]\nname = "sysroot-dummy"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n' >"$sysroot_src/Cargo.toml"
    echo '#![no_std]' >"$sysroot_src/src/lib.rs"
    (cd "$sysroot_src" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
      /usr/bin/cargo build --release --target wasm32-unknown-unknown --offline \
      -Zbuild-std=std,panic_abort,panic_unwind,test,proc_macro \
      --config 'source.crates-io.replace-with="std-vendor"' \
      --config 'source.std-vendor.directory="/usr/lib/rustlib/src/rust/library/vendor"') \
      >.cache/sysroot.log 2>&1 || fail "building the wasm32 std failed (see .cache/sysroot.log)"
    mkdir -p "$libdir"
    find "$sysroot_src/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libsysroot_dummy*' \
      -exec cp {} "$libdir/" \;
    rm -f "$libdir"/.cil-sysroot-*; touch "$stamp"
  fi
  local tc="$CIL_ROOT/.cache/wasm-toolchain"
  mkdir -p "$tc/bin" "$tc/lib"
  for b in rustc rustdoc cargo; do ln -sf "/usr/bin/$b" "$tc/bin/$b"; done
  ln -sfn /usr/lib/rustlib "$tc/lib/rustlib"
  if command -v rustup >/dev/null 2>&1; then
    rustup toolchain link wasm "$tc" >/dev/null 2>&1 || fail "rustup toolchain link failed"
    echo 'export RUSTUP_TOOLCHAIN=wasm' >.cache/toolchain.env
  else
    echo "export PATH=\"$tc/bin:\$PATH\"" >.cache/toolchain.env
  fi
  . .cache/toolchain.env
}
begin "wasm32 target"
if [ "${CIL_FORCE_DEBIAN_TOOLCHAIN:-0}" != 1 ] && has_wasm_std; then finish skipped
elif [ "${CIL_FORCE_DEBIAN_TOOLCHAIN:-0}" != 1 ] && command -v rustup >/dev/null 2>&1 \
     && timeout 60 rustup target add wasm32-unknown-unknown >.cache/rustup.log 2>&1 && has_wasm_std; then
  rm -f .cache/toolchain.env; finish "done (rustup)"
else
  debian_wasm_toolchain
  has_wasm_std || fail "the wasm32 std is still missing after the Debian route"
  finish "done (debian)"
fi

# --- 4. wasm-bindgen CLI, exactly the version of the crate in Cargo.lock ----------------------------
begin "wasm-bindgen-cli"
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
[ -n "$want" ] || fail "no wasm-bindgen in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" = "$want" ]; then finish skipped
else
  # Not --locked: a locked dependency of the CLI is not served by the registry (TOOLCHAIN.md).
  cargo install -q wasm-bindgen-cli --version "$want" >.cache/wasm-bindgen-cli.log 2>&1 \
    || fail "cargo install wasm-bindgen-cli $want failed (see .cache/wasm-bindgen-cli.log)"
  finish done
fi

# --- 5. wasm-pack (runs the browser tests) ----------------------------------------------------------
begin "wasm-pack"
if command -v wasm-pack >/dev/null 2>&1; then finish skipped
else
  cargo install -q --locked wasm-pack >.cache/wasm-pack.log 2>&1 || fail "cargo install wasm-pack failed (see .cache/wasm-pack.log)"
  finish done
fi

# --- 6. Chromium and its driver (Debian's; test tools must never download a browser) ---------------
begin "chromium + chromium-driver"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then finish skipped
else apt_install chromium chromium-driver; finish done; fi

# --- 7. npm packages, from the committed lockfile -----------------------------------------------------
begin "npm ci"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.cil-lock-sum ] && [ "$(cat node_modules/.cil-lock-sum)" = "$lock_sum" ]; then finish skipped
else
  npm ci --no-audit --no-fund --loglevel=error >.cache/npm-ci.log 2>&1 || fail "npm ci failed (see .cache/npm-ci.log)"
  echo "$lock_sum" >node_modules/.cil-lock-sum
  finish done
fi

# --- 8. sanity: the wasm-opt we will use is npm's binaryen -------------------------------------------
begin "wasm-opt (npm binaryen)"
case "$(command -v wasm-opt)" in
  "$CIL_ROOT"/node_modules/.bin/wasm-opt) finish checked ;;
  *) fail "wasm-opt does not resolve to node_modules/.bin/wasm-opt (Debian's binaryen breaks wasm-bindgen output)" ;;
esac
