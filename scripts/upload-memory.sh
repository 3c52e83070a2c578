#!/usr/bin/env bash
# Memory of a large upload: does a 100 MB file go through the site without being held in memory?
# Builds in Release, starts the site on 127.0.0.1 against a fresh embedded data folder in /tmp (demo centre) with
# Uploads:MaxFileBytes = 200 MiB and a 2 GiB quota, signs in the demo candidate, creates an evidence item, uploads a
# 1 KB file to warm the upload path up, then reads the server's VmRSS, uploads SIZE_MB (100) MB of plain text through
# the upload form (curl multipart, antiforgery token and all), samples VmRSS every 0.2 s until the answer is back and
# prints the peak growth. Target: under 32 MB. About 1 minute after the build.
# KIND=docx-bomb uploads instead a small Word document whose body XML expands to SIZE_MB (200) MB, to measure text
# extraction (which must stream and stop at its cap). Target: under 64 MB.
#   scripts/upload-memory.sh
#   SIZE_MB=50 scripts/upload-memory.sh
#   KIND=docx-bomb scripts/upload-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
KIND=${KIND:-text}
if [ "$KIND" = docx-bomb ]; then SIZE_MB=${SIZE_MB:-200}; else SIZE_MB=${SIZE_MB:-100}; fi
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

large="$work/large.txt"
if [ "$KIND" = docx-bomb ]; then
  large="$work/large.docx"
  # One run of text SIZE_MB long, written through the deflater as it goes: about 1 MB on disk per 200 MB of XML.
  python3 - "$large" "$SIZE_MB" <<'PY'
import sys, zipfile
path, size = sys.argv[1], int(sys.argv[2]) * 1000 * 1000
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    with z.open('word/document.xml', 'w') as body:
        body.write(f'<?xml version="1.0"?><w:document {w}><w:body><w:p><w:r><w:t>'.encode())
        chunk = b'career plan ' * 8192
        for _ in range(size // len(chunk)):
            body.write(chunk)
        body.write(b'</w:t></w:r></w:p></w:body></w:document>')
PY
else
  { yes "Career guidance session notes: agreed actions, next steps and a review date with the client." || true; } \
    | head -c $((SIZE_MB * 1000 * 1000)) >"$large"
fi
sleep 1
before=$(rss_kb)
( while true; do echo "$(date +%s.%N) $(rss_kb)"; sleep 0.2; done ) >"$work/rss" &
sampler=$!
result=$(upload "$large")
sleep 0.4
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
after=$(rss_kb)
status=${result%% *}; seconds=${result#* }
peak=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$work/rss")
samples=$(wc -l <"$work/rss")
stored=$(find "$work/data" -type f -size +$(($(stat -c %s "$large") * 9 / 10240))k | wc -l)
[ "$status" = 302 ] || echo "The upload answered $status: $(upload_error <"$work/answer.html")"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo
echo "Summary"
printf '| %-44s | %10s |\n' measure value
printf '| %-44s | %10s |\n' -------------------------------------------- ---------:
printf '| %-44s | %10s |\n' "file uploaded ($KIND), MB" "$(awk -v b="$(stat -c %s "$large")" 'BEGIN { printf "%.1f", b / 1e6 }')"
[ "$KIND" != docx-bomb ] || printf '| %-44s | %10s |\n' "its body XML once expanded, MB" "$SIZE_MB"
printf '| %-44s | %10s |\n' "answer (302 = stored and attached)" "$status"
[ "$KIND" = docx-bomb ] || printf '| %-44s | %10s |\n' "files of that size in the data folder" "$stored"
printf '| %-44s | %10s |\n' "upload time, s" "$seconds"
printf '| %-44s | %10s |\n' "VmRSS before, MB" "$(mb "$before")"
printf '| %-44s | %10s |\n' "VmRSS peak during the upload, MB ($samples samples)" "$(mb "$peak")"
printf '| %-44s | %10s |\n' "VmRSS after, MB" "$(mb "$after")"
printf '| %-44s | %10s |\n' "peak growth, MB" "$(mb $((peak - before)))"
if [ "$KIND" = docx-bomb ]; then echo "Target: peak growth under 64 MB."; else echo "Target: peak growth under 32 MB."; fi
