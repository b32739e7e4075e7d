#!/usr/bin/env bash
# `npm test`: set up, build, and run every test layer; print a table per layer and a closing
# `N passed, N failed` line that sums them all. Exits non-zero if anything failed.
#
# Layers:
#   lint     cargo fmt --check, cargo clippy --all-targets -D warnings, cargo doc -D warnings
#            (one check each)
#   native   cargo test of the pure crates (protocol, client core, simulator) and the client
#            crate's native unit tests and .d.ts drift check
#   browser  wasm-pack test --headless --chrome (the real cil object in real Chromium, real frames)
#   types    tsc --noEmit --strict on a TypeScript consumer, and wrong calls that must not compile
#   e2e      node --test + playwright-core: built, wasm-opt'ed bundles in pages on two origins
#   example  the worked examples' own tests (examples/*/test/), written as an integrator writes
#            them with connects-cil/testing
set -uo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
mkdir -p .cache/test-logs
logs=.cache/test-logs

bash scripts/setup.sh || exit 1

total_pass=0
total_fail=0
summary=()
record() { # layer passed failed
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  summary+=("$(printf '%-10s %6s passed %6s failed' "$1" "$2" "$3")")
}
# Sums "test result: ok. N passed; M failed" lines (cargo test and wasm-bindgen-test-runner).
count_rust() {
  awk '/test result:/{for(i=1;i<=NF;i++){if($i=="passed;")p+=$(i-1); if($i=="failed;")f+=$(i-1)}} END{print p+0, f+0}' "$1"
}
# A layer command that exited non-zero but reported no failure still counts as one failure.
run_layer() { # name log command...
  local name="$1" log="$2"; shift 2
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# --- lint ---------------------------------------------------------------------------------------
# Run with the default toolchain: a toolchain linked by setup's Debian route has no rustfmt/clippy.
lint_pass=0; lint_fail=0
if env -u RUSTUP_TOOLCHAIN cargo clippy --version >/dev/null 2>&1; then
  if run_layer lint-fmt $logs/fmt.log env -u RUSTUP_TOOLCHAIN cargo fmt --all -- --check; then lint_pass=$((lint_pass+1)); else lint_fail=$((lint_fail+1)); fi
  if run_layer lint-clippy $logs/clippy.log env -u RUSTUP_TOOLCHAIN cargo clippy --workspace --all-targets --quiet -- -D warnings; then
    lint_pass=$((lint_pass+1)); else lint_fail=$((lint_fail+1)); fi
  # Doc comments are part of the code: broken intra-doc links fail the run.
  if run_layer lint-doc $logs/doc.log env -u RUSTUP_TOOLCHAIN RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --document-private-items --quiet; then
    lint_pass=$((lint_pass+1)); else lint_fail=$((lint_fail+1)); fi
else
  echo "== lint: skipped (this toolchain has no clippy/rustfmt)"
fi
record lint $lint_pass $lint_fail

# --- native -------------------------------------------------------------------------------------
run_layer native $logs/native.log cargo test -p cil-protocol -p cil-client-core -p cil-simulator -p connects-cil
rc=$?
read -r p f < <(count_rust $logs/native.log)
[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
record native "$p" "$f"

# --- browser (wasm-bindgen-test in headless Chromium) --------------------------------------------
bp=0; bf=0
for crate in . crates/simulator-web; do
  if ls "$crate"/tests/*.rs >/dev/null 2>&1; then
    log="$logs/browser-$(basename "$(cd "$crate" && pwd)").log"
    (cd "$crate" && run_layer "browser ($crate)" "$CIL_ROOT/$log" wasm-pack test --headless --chrome --mode no-install)
    rc=$?
    read -r p f < <(count_rust "$log")
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    bp=$((bp + p)); bf=$((bf + f))
  fi
done
record browser $bp $bf

# --- build the shipped bundles (the e2e and types layers use them) --------------------------------
if ! run_layer build $logs/build.log bash scripts/build.sh; then
  record build 0 1
fi

# --- types ----------------------------------------------------------------------------------------
if [ -f tests/types/run.sh ]; then
  run_layer types $logs/types.log bash tests/types/run.sh
  rc=$?
  read -r p f < <(awk '/^[A-Za-z]*:? *[0-9]+ passed, [0-9]+ failed/{for(i=1;i<=NF;i++){if($i=="passed,")p=$(i-1); if($i ~ /^failed/)f=$(i-1)}} END{print p+0, f+0}' $logs/types.log)
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  record types "$p" "$f"
fi

# --- e2e ------------------------------------------------------------------------------------------
if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  run_layer e2e $logs/e2e.log node --test --test-reporter=spec --test-concurrency=1 tests/e2e/*.test.mjs
  rc=$?
  # node's spec reporter closes with "ℹ pass N" / "ℹ fail N".
  read -r p f < <(awk '/^ℹ pass /{p=$3} /^ℹ fail /{f=$3} END{print p+0, f+0}' $logs/e2e.log)
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  record e2e "$p" "$f"
fi

# --- example --------------------------------------------------------------------------------------
# The worked examples (issue 15): an integration page of their own, tested with connects-cil/testing.
if ls examples/*/test/*.test.mjs >/dev/null 2>&1; then
  run_layer example $logs/example.log node --test --test-reporter=spec --test-concurrency=1 examples/*/test/*.test.mjs
  rc=$?
  read -r p f < <(awk '/^ℹ pass /{p=$3} /^ℹ fail /{f=$3} END{print p+0, f+0}' $logs/example.log)
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  record example "$p" "$f"
fi

# --- bench-smoke ----------------------------------------------------------------------------------
# The benchmark with tiny counts and no thresholds (issue 7): keeps the harness from rotting.
if run_layer bench-smoke $logs/bench-smoke.log node bench/run.mjs --smoke; then
  record bench-smoke 1 0
else
  record bench-smoke 0 1
fi

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
