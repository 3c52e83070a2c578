#!/usr/bin/env bash
# Database outage drill: restarts PostgreSQL under a running site and measures how it copes.
# Builds in Release, starts the site on 127.0.0.1 against a fresh embedded data folder in /tmp (demo centre),
# signs in the demo candidate, then for DURATION (40 s) runs a curl read loop on /Portfolio and /healthz and a
# write loop creating evidence items through the Create form (each 302 Location id is an acknowledged write).
# At OUTAGE_AT (12 s) PostgreSQL is stopped (fast), left down for DOWN_FOR (5 s) and started again with pg_ctl.
# Prints responses by status per second, 503s during the outage, seconds from the database being back to the
# first 200, and acknowledged writes found in the database afterwards. About 1 minute after the build.
#   scripts/outage.sh
#   DURATION=60 DOWN_FOR=10 scripts/outage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
DURATION=${DURATION:-40}
OUTAGE_AT=${OUTAGE_AT:-12}
DOWN_FOR=${DOWN_FOR:-5}
PORT=${PORT:-5097}
BASE="http://127.0.0.1:$PORT"
EMAIL="candidate@demo.test"
PASSWORD="portfolio-demo"

dotnet build -c Release -v q -nologo src/Portfolio.Web >/tmp/portfolio-outage-build.log 2>&1 \
  || { cat /tmp/portfolio-outage-build.log; exit 1; }

work=$(mktemp -d /tmp/portfolio-outage.XXXXXX)
chmod 755 "$work" # the postgres service user must reach its folder inside
PGD="$work/data/postgres"
site=""
pg_bin() { dirname "$(head -1 "$PGD/postmaster.opts" | awk '{ print $1 }')"; }
cleanup() {
  [ -z "$site" ] || { kill "$site" 2>/dev/null || true; wait "$site" 2>/dev/null || true; }
  # The restarted postmaster is no longer a child of the site's watchdog: stop it here.
  if [ -f "$PGD/postmaster.pid" ] && kill -0 "$(head -1 "$PGD/postmaster.pid")" 2>/dev/null; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PGD" stop -m immediate -w >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

start_site "$work/data"

jar="$work/jar"
sign_in_jar "$EMAIL" "$PASSWORD" "$jar"
create_page=$(curl -s -b "$jar" -c "$jar" "$BASE/Portfolio/Evidence/Create")
create_token=$(token <<<"$create_page")
kind=$(grep -o 'name="Input.Kind" type="radio" value="[^"]*"' <<<"$create_page" | grep -v reflective | head -1 | sed 's/.*value="//;s/"$//')
[ -n "$create_token" ] && [ -n "$kind" ] || { echo "No Create form for $EMAIL" >&2; exit 1; }
[ "$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$BASE/Portfolio")" = 200 ] || { echo "/Portfolio is not 200" >&2; exit 1; }

now() { date +%s.%N; }
start=$(now)
end=$(awk -v s="$start" -v d="$DURATION" 'BEGIN { printf "%.3f", s + d }')
before_end() { awk -v n="$(now)" -v e="$end" 'BEGIN { exit !(n < e) }'; }

# Reads: one connection at a time, /Portfolio then /healthz, 5 s timeout each. Lines: time path status.
( while before_end; do
    for path in /Portfolio /healthz; do
      s=$(curl -s -b "$jar" -o /dev/null --max-time 5 -w '%{http_code}' "$BASE$path" || true)
      echo "$(now) $path $s"
    done
  done ) >"$work/reads" &
reader=$!
# Writes: a new evidence item every ~0.25 s. Lines: time status id (id only when acknowledged by a 302).
( n=0; while before_end; do
    n=$((n + 1))
    out=$(curl -s -b "$jar" -o /dev/null --max-time 5 -w '%{http_code} %{redirect_url}' "$BASE/Portfolio/Evidence/Create" \
      --data-urlencode "Input.Title=Outage drill item $n" --data-urlencode "Input.Kind=$kind" \
      --data-urlencode "__RequestVerificationToken=$create_token" || true)
    status=${out%% *}; id=$(grep -o 'id=[0-9]*' <<<"$out" | cut -d= -f2 || true)
    echo "$(now) $status ${id:-}"
    sleep 0.25
  done ) >"$work/writes" &
writer=$!

sleep "$OUTAGE_AT"
bin=$(pg_bin)
down=$(now)
as_pg "$bin/pg_ctl" -D "$PGD" stop -m fast -w >/dev/null
stopped=$(now)
sleep "$DOWN_FOR"
as_pg "$bin/pg_ctl" -D "$PGD" -l "$PGD/server.log" start -w >/dev/null
up=$(now)
wait "$reader" "$writer"

echo
echo "Responses by second (t = 0 at the start of the loop; DB stopped at $(awk -v a="$down" -v s="$start" 'BEGIN { printf "%.1f", a - s }') s," \
  "back at $(awk -v a="$up" -v s="$start" 'BEGIN { printf "%.1f", a - s }') s):"
awk '{ print $1, $2, $3 }' "$work/reads" >"$work/all"; awk '{ print $1, "POST/Create", $2 }' "$work/writes" >>"$work/all"
columns=$(awk '{ print $2 "_" $3 }' "$work/all" | sort -u | paste -sd' ' -)
awk -v s="$start" -v cols="$columns" '{ sec = int($1 - s); c[sec, $2 "_" $3]++; if (sec > max) max = sec }
  END {
    n = split(cols, ks, " "); printf "| %3s |", "s"; for (i = 1; i <= n; i++) printf " %-15s |", ks[i]; print ""
    printf "| --: |"; for (i = 1; i <= n; i++) printf " --------------: |"; print ""
    for (t = 0; t <= max; t++) { printf "| %3d |", t; for (i = 1; i <= n; i++) printf " %15d |", c[t, ks[i]]; print "" }
  }' "$work/all"

answered_503=$(awk -v d="$down" '$1 >= d && $3 == 503' "$work/reads" | wc -l)
write_503=$(awk -v d="$down" '$1 >= d && $2 == 503' "$work/writes" | wc -l)
other=$(awk '$3 != 200 && $3 != 503' "$work/reads" | wc -l)
first_ok() { awk -v u="$up" -v p="$1" '$1 >= u && $2 == p && $3 == 200 { printf "%.2f", $1 - u; exit }' "$work/reads"; }
first_write=$(awk -v u="$up" '$1 >= u && $2 == 302 { printf "%.2f", $1 - u; exit }' "$work/writes")
last_bad=$(awk -v u="$up" '$1 >= u && $3 != 200 { l = $1 - u } END { if (l != "") printf "%.2f", l; else print "none" }' "$work/reads")
ids=$(awk '$2 == 302 && $3 != "" { print $3 }' "$work/writes" | paste -sd, -)
made=$(awk '$2 == 302 && $3 != ""' "$work/writes" | wc -l)
attempted=$(wc -l <"$work/writes")
found=$(as_pg psql -h "$PGD" -U postgres -d portfolio -Atc "SELECT count(*) FROM evidence_items WHERE id IN (${ids:-0})")

echo
echo "Summary"
printf '| %-58s | %12s |\n' measure value
printf '| %-58s | %12s |\n' ---------------------------------------------------------- -----------:
printf '| %-58s | %12s |\n' "database down (stop -m fast to start -w done), s" "$(awk -v a="$down" -v b="$up" 'BEGIN { printf "%.1f", b - a }')"
printf '| %-58s | %12s |\n' "read requests (GET /Portfolio, /healthz)" "$(wc -l <"$work/reads")"
printf '| %-58s | %12s |\n' "reads answered 503 during the outage" "$answered_503"
printf '| %-58s | %12s |\n' "reads answered neither 200 nor 503 (incl. timeouts = 000)" "$other"
printf '| %-58s | %12s |\n' "first 200 on /healthz after the database is back, s" "$(first_ok /healthz)"
printf '| %-58s | %12s |\n' "first 200 on /Portfolio after the database is back, s" "$(first_ok /Portfolio)"
printf '| %-58s | %12s |\n' "last non-200 read after the database is back, s" "$last_bad"
printf '| %-58s | %12s |\n' "writes attempted / answered 503 during the outage" "$attempted / $write_503"
printf '| %-58s | %12s |\n' "first acknowledged write after the database is back, s" "$first_write"
printf '| %-58s | %12s |\n' "acknowledged writes found / made" "$found / $made"
echo "Target: first 200 within 10 s of the database being back; every acknowledged write found."
