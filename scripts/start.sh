#!/usr/bin/env bash
# `npm start`: set up, build, and serve the demo (the simulated gadget hosting an integration frame)
# on 127.0.0.1. PORT overrides the port (default 8080).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$CIL_ROOT"
bash scripts/setup.sh
bash scripts/build.sh
port="${PORT:-8080}"
echo
echo "connects-cil demo: http://127.0.0.1:${port}/"
echo
exec webpack serve --mode development --host 127.0.0.1 --port "$port" --no-color
