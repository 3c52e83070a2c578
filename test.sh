#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (PostgreSQL server binaries, Debian's Chromium),
# builds, and runs the whole suite against a throwaway PostgreSQL cluster and headless Chromium.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~SignInTests"
set -euo pipefail
cd "$(dirname "$0")"
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} with apt-get..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "The tests need: ${need[*]}. Install them (e.g. sudo apt-get install -y ${need[*]}) and run again." >&2
    exit 1
  fi
fi
log=$(mktemp)
set +e
dotnet test Portfolio.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line: the counts summed over every test assembly.
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ { f += $2; p += $4 } END { if (p + f > 0) printf "Tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
