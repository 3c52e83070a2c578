#!/usr/bin/env bash
# Memory of a large upload: does a 100 MB file go through the site without being held in memory?
# Builds in Release, starts the site on 127.0.0.1 against a fresh embedded data folder in /tmp (demo centre) with
# Uploads:MaxFileBytes = 200 MiB and a 2 GiB quota, signs in the demo candidate, creates an evidence item, uploads a
# 1 KB file to warm the upload path up, then reads the server's VmRSS, uploads SIZE_MB (100) MB of plain text through
# the upload form (curl multipart, antiforgery token and all), samples VmRSS every 0.2 s until the answer is back and
# prints the peak growth. Target: under 32 MB. About 1 minute after the build.
#   scripts/upload-memory.sh
#   SIZE_MB=50 scripts/upload-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
SIZE_MB=${SIZE_MB:-100}
PORT=${PORT:-5098}
BASE="http://127.0.0.1:$PORT"
EMAIL="candidate@demo.test"
PASSWORD="portfolio-demo"

dotnet build -c Release -v q -nologo src/Portfolio.Web >/tmp/portfolio-upload-build.log 2>&1 \
  || { cat /tmp/portfolio-upload-build.log; exit 1; }

work=$(mktemp -d /tmp/portfolio-upload.XXXXXX)
chmod 755 "$work" # the postgres service user must reach its folder inside
site=""
sampler=""
cleanup() {
  [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
  [ -z "$site" ] || { kill "$site" 2>/dev/null || true; wait "$site" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

start_site "$work/data" --Uploads:MaxFileBytes=209715200 --Uploads:QuotaBytesPerCandidate=2147483648

jar="$work/jar"
sign_in_jar "$EMAIL" "$PASSWORD" "$jar"
id=$(create_item "Large upload" "$jar")
upload() { upload_text "$jar" "$id" "$1" "$work/answer.html"; } # file -> "status seconds"
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$site/status"; }

head -c 1024 /dev/zero | tr '\0' 'a' >"$work/small.txt"
warm=$(upload "$work/small.txt")
[ "${warm%% *}" = 302 ] || { echo "Warm-up upload answered ${warm%% *}" >&2; exit 1; }

{ yes "Career guidance session notes: agreed actions, next steps and a review date with the client." || true; } \
  | head -c $((SIZE_MB * 1000 * 1000)) >"$work/large.txt"
sleep 1
before=$(rss_kb)
( while true; do echo "$(date +%s.%N) $(rss_kb)"; sleep 0.2; done ) >"$work/rss" &
sampler=$!
result=$(upload "$work/large.txt")
sleep 0.4
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
after=$(rss_kb)
status=${result%% *}; seconds=${result#* }
peak=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$work/rss")
samples=$(wc -l <"$work/rss")
stored=$(find "$work/data" -type f -size +$((SIZE_MB * 900))k | wc -l)
[ "$status" = 302 ] || echo "The upload answered $status: $(upload_error <"$work/answer.html")"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo
echo "Summary"
printf '| %-44s | %10s |\n' measure value
printf '| %-44s | %10s |\n' -------------------------------------------- ---------:
printf '| %-44s | %10s |\n' "file uploaded (plain text), MB" "$(awk -v b="$(stat -c %s "$work/large.txt")" 'BEGIN { printf "%.1f", b / 1e6 }')"
printf '| %-44s | %10s |\n' "answer (302 = stored and attached)" "$status"
printf '| %-44s | %10s |\n' "files of that size in the data folder" "$stored"
printf '| %-44s | %10s |\n' "upload time, s" "$seconds"
printf '| %-44s | %10s |\n' "VmRSS before, MB" "$(mb "$before")"
printf '| %-44s | %10s |\n' "VmRSS peak during the upload, MB ($samples samples)" "$(mb "$peak")"
printf '| %-44s | %10s |\n' "VmRSS after, MB" "$(mb "$after")"
printf '| %-44s | %10s |\n' "peak growth, MB" "$(mb $((peak - before)))"
echo "Target: peak growth under 32 MB."
