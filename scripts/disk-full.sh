#!/usr/bin/env bash
# Disk full during upload: what a candidate sees when the file store runs out of space, and what is left behind.
# Needs root (it mounts a tmpfs). Builds in Release, mounts a STORE_MB (2) MB tmpfs, starts the site on 127.0.0.1 with
# Files:Folder on it and a fresh embedded data folder in /tmp (demo centre), signs in the demo candidate, creates an
# evidence item and uploads FILE_KB (300) KB plain-text files, each different, through the upload form (curl multipart,
# antiforgery token and all) until one is refused. Prints the answer and the message the candidate saw, the logged
# cause, evidence_files and stored_files rows against files in the store, and leftover .part files; then grows the
# tmpfs (as an administrator adding space would) and sends the refused file again. About 15 s after the build.
#   scripts/disk-full.sh
#   STORE_MB=8 FILE_KB=512 scripts/disk-full.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
STORE_MB=${STORE_MB:-2}
FILE_KB=${FILE_KB:-300}
PORT=${PORT:-5096}
BASE="http://127.0.0.1:$PORT"
EMAIL="candidate@demo.test"
PASSWORD="portfolio-demo"
[ "$(id -u)" = 0 ] || { echo "scripts/disk-full.sh mounts a tmpfs for the file store: run it as root." >&2; exit 1; }

dotnet build -c Release -v q -nologo src/Portfolio.Web >/tmp/portfolio-disk-full-build.log 2>&1 \
  || { cat /tmp/portfolio-disk-full-build.log; exit 1; }

work=$(mktemp -d /tmp/portfolio-disk-full.XXXXXX)
chmod 755 "$work" # the postgres service user must reach its folder inside
disk="$work/disk"
store="$disk/files"
site=""
mounted=""
cleanup() {
  local status=$?
  [ "$status" = 0 ] || [ ! -f "$work/site.log" ] || { echo "Failed ($status); the site's log ends:" >&2; tail -30 "$work/site.log" >&2; }
  [ -z "$site" ] || { kill "$site" 2>/dev/null || true; wait "$site" 2>/dev/null || true; }
  [ -z "$mounted" ] || umount "$disk"
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$disk"
mount -t tmpfs -o "size=${STORE_MB}m" tmpfs "$disk"
mounted=yes
start_site "$work/data" --Files:Folder="$store"

jar="$work/jar"
sign_in_jar "$EMAIL" "$PASSWORD" "$jar"
id=$(create_item "Session recordings" "$jar")

notes() { # n file: FILE_KB of plain text, different for each n
  { yes "Session $1: the client chose the next step and a date to review it with their adviser." || true; } \
    | head -c $((FILE_KB * 1024)) >"$2"
}
stored=0
while true; do
  notes $((stored + 1)) "$work/next.txt"
  result=$(upload_text "$jar" "$id" "$work/next.txt" "$work/answer.html")
  [ "${result%% *}" = 302 ] || break
  stored=$((stored + 1))
  [ "$stored" -lt 1000 ] || { echo "Still uploading after 1000 files: is the store on the tmpfs?" >&2; exit 1; }
done
status=${result%% *}
message=$(upload_error <"$work/answer.html")
cause=$(grep -m1 -o 'IOException: .*' "$work/site.log" || echo none)

sql() { as_pg psql -h "$work/data/postgres" -U postgres -d portfolio -Atc "$1"; }
count() { # label: rows and files in the store now
  printf '| %-52s | %12s |\n' "evidence_files rows $1" "$(sql "SELECT count(*) FROM evidence_files WHERE revision_id IN (SELECT id FROM evidence_revisions WHERE item_id = $id)")"
  printf '| %-52s | %12s |\n' "stored_files rows $1" "$(sql "SELECT count(*) FROM stored_files")"
  printf '| %-52s | %12s |\n' "files in the store $1" "$(find "$store" -type f -not -name '*.part' | wc -l)"
  printf '| %-52s | %12s |\n' ".part files left in the store $1" "$(find "$store" -name '*.part' | wc -l)"
}
used=$(df --output=used,size -k "$disk" | tail -1 | awk '{ printf "%d of %d", $1, $2 }')

echo
echo "Summary"
printf '| %-52s | %12s |\n' measure value
printf '| %-52s | %12s |\n' ---------------------------------------------------- -----------:
printf '| %-52s | %12s |\n' "file store (tmpfs), KB used of size when refused" "$used"
printf '| %-52s | %12s |\n' "file size, KB" "$FILE_KB"
printf '| %-52s | %12s |\n' "uploads stored before the disk was full (302)" "$stored"
printf '| %-52s | %12s |\n' "answer to the upload that did not fit" "$status"
count "after the refusal"
mount -o remount,size=$((STORE_MB * 2))m "$disk"
again=$(upload_text "$jar" "$id" "$work/next.txt" "$work/answer.html")
printf '| %-52s | %12s |\n' "same upload after growing the tmpfs to $((STORE_MB * 2)) MB" "${again%% *}"
count "after the retry"
echo
echo "Message the candidate saw: $message"
echo "Logged cause: $cause"
echo "Target: the form comes back (200) with that message; rows and files match; no .part files; the retry is a 302."
