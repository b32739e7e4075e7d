#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz / libFuzzer, nightly toolchain) of the protocol decoder and
# the client core: runs each target for a set time, then prints, per target, the executions,
# the coverage and the crashes found. Exits non-zero if any target crashed (or failed to build).
#
#   bash scripts/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh     # longer
#   FUZZ_TARGETS=decode bash scripts/fuzz.sh  # one target
#
# Environment:
#   FUZZ_SECONDS    seconds per target (default 60)
#   FUZZ_RUNS       also stop a target after this many executions (default: no limit)
#   FUZZ_TARGETS    space-separated targets (default: "decode client")
#   FUZZ_SANITIZER  none (default) or address; the crates fuzzed contain no unsafe code, so
#                   AddressSanitizer mostly costs speed (~7x); overflow checks and debug
#                   assertions are on either way
#   FUZZ_ARGS       extra libFuzzer flags, e.g. "-jobs=4 -workers=4"
#
# Installs cargo-fuzz (and the nightly toolchain) when missing; a no-op when present. Builds go to
# fuzz/target, corpora grow in fuzz/corpus/<target> (seeded from fuzz/seeds/<target>), crashing
# inputs land in fuzz/artifacts/<target>, logs in fuzz/target/logs; all of them are gitignored.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# rustup's proxies, not a toolchain linked by setup's Debian route (which has no +nightly).
export PATH="$HOME/.cargo/bin:$PATH"
unset RUSTUP_TOOLCHAIN CARGO_TARGET_DIR CARGO_BUILD_TARGET

seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-decode client}"
sanitizer="${FUZZ_SANITIZER:-none}"
runs="${FUZZ_RUNS:-}"

# --- tools (idempotent) --------------------------------------------------------------------------
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal || exit 1
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  rustup run nightly cargo install cargo-fuzz --locked \
    || rustup run nightly cargo install cargo-fuzz || exit 1
fi

logs=fuzz/target/logs
mkdir -p "$logs"
rows=()
status=0

for target in $targets; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  dirs=("$corpus")
  [ -d "fuzz/seeds/$target" ] && dirs+=("fuzz/seeds/$target")
  flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10)
  [ -n "$runs" ] && flags+=(-runs="$runs")
  [ -f "fuzz/$target.dict" ] && flags+=(-dict="fuzz/$target.dict")
  # shellcheck disable=SC2206
  [ -n "${FUZZ_ARGS:-}" ] && flags+=(${FUZZ_ARGS})

  before="$(ls "$artifacts" | sort)"
  log="$logs/$target.log"
  echo "== fuzz $target: ${seconds} s, sanitizer $sanitizer (log: $log)"
  rustup run nightly cargo fuzz run -s "$sanitizer" "$target" "${dirs[@]}" -- "${flags[@]}" >"$log" 2>&1
  rc=$?

  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)"
  execs="$(awk '/stat::number_of_executed_units:/{print $2}' "$log" | tail -1)"
  rate="$(awk '/stat::average_exec_per_sec:/{print $2}' "$log" | tail -1)"
  cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
  ft="$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
  corp="$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
  added="$(comm -13 <(echo "$before") <(ls "$artifacts" | sort) | grep -v '^$' || true)"
  # Failures: crash-, timeout-, oom-, leak-. A slow-unit- is only a note (it can be the machine
  # pausing the process); replay it to see whether it is really slow.
  new="$(printf '%s\n' "$added" | grep -E '^(crash|timeout|oom|leak)-' || true)"
  slow="$(printf '%s\n' "$added" | grep -E '^slow-unit-' || true)"
  crashes="$(printf '%s' "$new" | grep -c . || true)"
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    # Failed without leaving an input behind: a build error or a broken setup.
    crashes="?"
  fi

  [ -n "$done_line" ] && echo "   libFuzzer: $done_line"
  for file in $slow; do
    echo "   note: slow unit $artifacts/$file ($(grep -oE 'Slowest unit: [0-9]+ s' "$log" | tail -1));" \
      "replay: fuzz/target/x86_64-unknown-linux-gnu/release/$target $artifacts/$file"
  done
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "   FAILED (exit $rc). Last lines of the log:"
    grep -E 'panicked at|ERROR|SUMMARY|Test unit written|error(\[|:)' "$log" | head -20 | sed 's/^/   | /'
    for file in $new; do
      echo "   crashing input: $artifacts/$file"
      echo "   reproduce: cargo +nightly fuzz run -s $sanitizer $target $artifacts/$file"
      echo "   minimize:  cargo +nightly fuzz tmin -s $sanitizer $target $artifacts/$file"
    done
  fi
  rows+=("$(printf '%-8s %-9s %7s %12s %9s %7s %8s %7s %8s' \
    "$target" "$sanitizer" "$seconds" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "${corp:--}" "$crashes")")
done

echo
printf '%-8s %-9s %7s %12s %9s %7s %8s %7s %8s\n' \
  target sanitizer seconds executions exec/s cov ft corpus crashes
printf '%s\n' "${rows[@]}"
if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (see above)"
else
  echo "fuzz: no crashes"
fi
exit "$status"
