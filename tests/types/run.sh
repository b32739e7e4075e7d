#!/usr/bin/env bash
# Type tests of js/cil/cil.d.ts, js/cil/cil.global.d.ts (the drop-in's globals), js/cil/manual.d.ts,
# js/simulator/index.d.ts and js/testing/index.d.ts (connects-cil/testing, checked against
# playwright-core's Page): the *-consumer.ts files must compile with `tsc --noEmit --strict`;
# every wrong-*.ts must fail to compile (with an error in that file). Prints `N passed, N failed`.
# (tests/e2e/package.test.mjs compiles consumers against the packed, installed package.)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tsc="$root/node_modules/.bin/tsc"
passed=0
failed=0
check() { # file expect(ok|fail)
  local file="$1" expect="$2" out
  out="$("$tsc" --noEmit --strict --target es2020 --module esnext --moduleResolution bundler \
    --lib es2020,dom --types '' "$here/$file" 2>&1)"
  local rc=$?
  if { [ "$expect" = ok ] && [ $rc -eq 0 ]; } || { [ "$expect" = fail ] && [ $rc -ne 0 ] && grep -q "$file" <<<"$out"; }; then
    echo "ok   $file ($expect)"
    passed=$((passed + 1))
  else
    echo "FAIL $file (expected $expect, tsc exit $rc)"
    echo "$out" | head -20
    failed=$((failed + 1))
  fi
}
for f in consumer.ts envelope-consumer.ts global-consumer.ts manual-consumer.ts simulator-consumer.ts testing-consumer.ts; do
  check "$f" ok
done
for f in "$here"/wrong-*.ts; do
  check "$(basename "$f")" fail
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
