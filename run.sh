#!/usr/bin/env bash
# Runs Portfolio on this machine: builds it, starts its own PostgreSQL in .data/ (first start creates it and
# a demo centre), and prints the address and demo sign-ins. Ctrl+C stops the site and the database cleanly.
# Pass settings through, e.g. ./run.sh --urls http://127.0.0.1:8080 --ConnectionStrings:Portfolio="Host=..."
set -euo pipefail
cd "$(dirname "$0")"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing the PostgreSQL server (apt-get install postgresql)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi
urls="http://127.0.0.1:5000"
for arg in "$@"; do case "$arg" in --urls*) urls="";; esac; done
exec dotnet run --project src/Portfolio.Web -c Release ${urls:+--urls "$urls"} "$@"
