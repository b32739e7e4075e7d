#!/usr/bin/env bash
# `npm run bench`: set up, build the release bundles, and run the side-by-side benchmark
# (bench/run.mjs). Pass --smoke for the tiny variant that npm test runs.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
bash scripts/setup.sh
bash scripts/build.sh
node bench/run.mjs "$@"
