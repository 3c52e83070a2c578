#!/usr/bin/env bash
# Load test of the key pages against a generated centre (2,000 candidates, ~100,000 evidence items).
# Builds in Release, generates the data on first use, starts the site on 127.0.0.1 in the Benchmark environment,
# signs in a candidate and an assessor with curl, then runs wrk (32 connections, 2 threads) on the baseline page and
# the four key pages and prints requests/s, p50, p99, % of baseline, CPU per request and SQL statements per request.
# Bounded in time: 60 s warm-up, then DURATION (15 s) per page; about 3 minutes with the data already generated.
#   scripts/load.sh                      # data in /tmp/perf-data (generated if missing)
#   PERF_DATA=/tmp/other DURATION=30 scripts/load.sh
#   SITE_ARGS="--PageCache:Megabytes=0" scripts/load.sh # every request reads the database and renders (no page cache)
#   SITE_ARGS="--SignIn:SessionCacheSeconds=0" scripts/load.sh # every request checks its session in the database
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
DATA=${PERF_DATA:-/tmp/perf-data}
DURATION=${DURATION:-15}
# Tiered compilation needs tens of seconds of traffic before a page runs its final code: a short warm-up measures the JIT.
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5099}
BASE="http://127.0.0.1:$PORT"
PASSWORD="portfolio-demo"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk with apt-get..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

for project in tests/Portfolio.Benchmarks src/Portfolio.Web; do
  dotnet build -c Release -v q -nologo "$project" >/tmp/portfolio-load-build.log 2>&1 || { cat /tmp/portfolio-load-build.log; exit 1; }
done
if [ ! -f "$DATA/postgres/PG_VERSION" ]; then
  echo "Generating the dataset in $DATA (about 3 minutes)..."
  dotnet tests/Portfolio.Benchmarks/bin/Release/net10.0/Portfolio.Benchmarks.dll generate --data-folder "$DATA"
fi

work=$(mktemp -d)
site=""
trap '[ -z "$site" ] || { kill $site 2>/dev/null; wait $site 2>/dev/null; }; rm -rf "$work"' EXIT
# shellcheck disable=SC2086 # SITE_ARGS is a list of settings
start_site "$DATA" ${SITE_ARGS:-}

# Signs in through the real form (antiforgery token and all); prints the Cookie header value.
sign_in() {
  local jar="$work/$1.jar"
  sign_in_jar "$1" "$PASSWORD" "$jar"
  awk '$0 !~ /^#/ || $0 ~ /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar" | sed 's/; $//'
}
candidate=$(sign_in perf-candidate-0002@perf.test)      # 50 evidence items
small_candidate=$(sign_in perf-candidate-0001@perf.test) # 5 evidence items
assessor=$(sign_in perf-assessor-02@perf.test)           # about 51 candidates
small_assessor=$(sign_in perf-assessor-01@perf.test)     # 10 candidates

first_link() { curl -s -H "Cookie: $1" "$BASE$2" | grep -o "$3=[0-9]*" | head -1 | cut -d= -f2; }
item=$(first_link "$candidate" /Portfolio '/Portfolio/Evidence/View?id')
small_item=$(first_link "$small_candidate" /Portfolio '/Portfolio/Evidence/View?id')
enrolment=$(first_link "$assessor" /Assess 'enrolmentId')
small_enrolment=$(first_link "$small_assessor" /Assess 'enrolmentId')

# The baseline twice: as a visitor, and with a candidate's sign-in cookie (the request is then authenticated: the cookie
# is decrypted and the session checked, though the page shows nothing of it), the floor of any signed-in page.
pages=(
  "baseline|/Benchmark/Fortunes|"
  "baseline, signed in|/Benchmark/Fortunes|$candidate"
  "candidate dashboard|/Portfolio|$candidate"
  "evidence view|/Portfolio/Evidence/View?id=$item|$candidate"
  "assessor caseload|/Assess|$assessor"
  "evidence matrix|/Assess/Matrix?enrolmentId=$enrolment|$assessor"
)

for p in "${pages[@]}"; do
  IFS='|' read -r name path cookie <<<"$p"
  status=$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$BASE$path")
  [ "$status" = 200 ] || { echo "$name ($path) answered $status, not 200" >&2; exit 1; }
done

echo "Warming up for ${WARMUP} s..."
per=$(( WARMUP / ${#pages[@]} )); [ "$per" -ge 1 ] || per=1
for p in "${pages[@]}"; do
  IFS='|' read -r name path cookie <<<"$p"
  wrk -t2 -c"$CONNECTIONS" -d"${per}s" ${cookie:+-H "Cookie: $cookie"} "$BASE$path" >/dev/null
done

# wrk prints latencies as 850.00us, 3.21ms or 1.02s: in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }
statements() { curl -s -o /dev/null -D - ${1:+-H "Cookie: $1"} "$BASE$2" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-sql-statements" { print $2 }'; }

# CPU time (clock ticks) used so far by the site and by every process of its PostgreSQL cluster. Per request it is a
# page's cost whatever else the machine runs, where requests/s falls with any other load.
cluster_ticks() {
  local total=0 pid stat postmaster
  postmaster=$(head -1 "$DATA/postgres/postmaster.pid")
  for pid in "$site" "$postmaster" $(pgrep -P "$postmaster"); do
    stat=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    # shellcheck disable=SC2086 # the fields of /proc/PID/stat after the command name
    set -- $stat
    [ $# -ge 13 ] && total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
ms_per_tick=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')

printf '\nwrk -t2 -c%s -d%ss on %s, %s cores\n\n' "$CONNECTIONS" "$DURATION" "$BASE" "$(nproc)"
printf '| %-20s | %10s | %8s | %8s | %12s | %12s | %10s | %12s | %14s |\n' page requests/s p50\ ms p99\ ms \
  "% of baseline" "% signed in" "CPU ms" "% by CPU" "SQL statements"
printf '| %-20s | %10s | %8s | %8s | %12s | %12s | %10s | %12s | %14s |\n' -------------------- ---------: -------: -------: \
  -----------: -----------: ---------: -----------: -------------:
baseline_rps=""
signed_in_rps=""
baseline_cpu=""
for p in "${pages[@]}"; do
  IFS='|' read -r name path cookie <<<"$p"
  before=$(cluster_ticks)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency ${cookie:+-H "Cookie: $cookie"} "$BASE$path")
  used=$(( $(cluster_ticks) - before ))
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  requests=$(awk '/ requests in / { print $1 }' <<<"$out")
  cpu=$(awk -v t="$used" -v n="$requests" -v m="$ms_per_tick" 'BEGIN { printf "%.3f", t * m / n }')
  [ -n "$baseline_cpu" ] || baseline_cpu=$cpu
  cpu_share=$(awk -v c="$cpu" -v b="$baseline_cpu" 'BEGIN { printf "%.0f %%", 100 * b / c }')
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  [ -n "$baseline_rps" ] || baseline_rps=$rps
  [ -n "$signed_in_rps" ] || [ -z "$cookie" ] || signed_in_rps=$rps
  share=$(awk -v r="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.0f %%", 100 * r / b }')
  signed_share=$(awk -v r="$rps" -v b="${signed_in_rps:-0}" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * r / b; else printf "-" }')
  printf '| %-20s | %10.0f | %8s | %8s | %12s | %12s | %10s | %12s | %14s |\n' "$name" "$rps" "$p50" "$p99" "$share" \
    "$signed_share" "$cpu" "$cpu_share" "$(statements "$cookie" "$path")"
  [ -z "$errors" ] || echo "  $name: $errors"
done

echo
echo "SQL statements per request (X-Sql-Statements) as the data grows: the first request after a change, then a repeat"
echo "(a repeat costs nothing while the node keeps the session check and the page; see docs/performance.md):"
twice() { local first; first=$(statements "$1" "$2"); printf '%s then %s' "$first" "$(statements "$1" "$2")"; }
# Changes every enrolment's version, as a write would, so the first request of each page reads the database.
touch_all() { as_pg psql -q -h "$DATA/postgres" -d portfolio -c "SELECT touch_enrolments(array_agg(id)) FROM enrolments" >/dev/null; }
touch_all
printf '  candidate dashboard:  5 items %s; 50 items %s\n' "$(twice "$small_candidate" /Portfolio)" "$(twice "$candidate" /Portfolio)"
printf '  evidence view:        item of the 5-item candidate %s; of the 50-item candidate %s\n' \
  "$(twice "$small_candidate" "/Portfolio/Evidence/View?id=$small_item")" "$(twice "$candidate" "/Portfolio/Evidence/View?id=$item")"
printf '  assessor caseload:    10 candidates %s; 51 candidates %s\n' "$(twice "$small_assessor" /Assess)" "$(twice "$assessor" /Assess)"
printf '  evidence matrix:      5 items %s; 50+ items %s\n' \
  "$(twice "$small_assessor" "/Assess/Matrix?enrolmentId=$small_enrolment")" "$(twice "$assessor" "/Assess/Matrix?enrolmentId=$enrolment")"
echo "Budget: each key page at least 50 % of the baseline's requests/s, p99 under 100 ms."
echo "\"CPU ms\": CPU time of the site and its PostgreSQL per request; \"% by CPU\": the baseline's CPU per request over"
echo "the page's, what % of baseline would be with nothing else running (wrk's own share aside)."
echo "\"% signed in\": of the baseline requested with the candidate's sign-in cookie (cookie decrypted, session checked or kept)."
