#!/usr/bin/env bash
# Shared by the measuring scripts: start the built site on 127.0.0.1 and sign in through the real form.
# Source it after setting BASE (http://127.0.0.1:PORT) and work (a temporary folder); it sets $site.

# Starts the Release build in the Benchmark environment and waits until /healthz answers.
#   start_site DATA_FOLDER [--Extra:Setting=value ...]
start_site() {
  local data=$1
  shift
  # Another script's site on the same port would answer /healthz for us: refuse rather than measure the wrong site.
  ! curl -s -o /dev/null "$BASE/healthz" || { echo "Something already answers on $BASE: set PORT to a free port" >&2; exit 1; }
  ASPNETCORE_ENVIRONMENT=Benchmark dotnet src/Portfolio.Web/bin/Release/net10.0/Portfolio.Web.dll \
    --urls "$BASE" --Database:DataFolder="$data" --Logging:LogLevel:Default=Warning "$@" >"$work/site.log" 2>&1 &
  site=$!
  for _ in $(seq 1 240); do
    curl -sf "$BASE/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$site" 2>/dev/null || { cat "$work/site.log"; exit 1; }
    sleep 0.5
  done
  echo "The site did not answer /healthz in 2 minutes" >&2
  exit 1
}

# Runs a command as the postgres service user when we are root (the embedded cluster belongs to it).
as_pg() { if [ "$(id -un)" = root ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The antiforgery token of the first form in the HTML on standard input.
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

# Signs in through the sign-in form, keeping the cookies in the jar file.
#   sign_in_jar EMAIL PASSWORD JAR
sign_in_jar() {
  local t
  t=$(curl -s -c "$3" "$BASE/Account/SignIn" | token)
  curl -s -b "$3" -c "$3" -o /dev/null -w '%{http_code}' "$BASE/Account/SignIn" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$2" --data-urlencode "__RequestVerificationToken=$t" \
    | grep -q 302 || { echo "Could not sign in $1" >&2; exit 1; }
}

# Creates an evidence item of the first kind offered (not a reflective account, which asks for a model) through the
# Create form and prints its id.
#   id=$(create_item TITLE JAR)
create_item() {
  local page kind location
  page=$(curl -s -b "$2" -c "$2" "$BASE/Portfolio/Evidence/Create")
  kind=$(grep -o 'name="Input.Kind" type="radio" value="[^"]*"' <<<"$page" | grep -v reflective | head -1 | sed 's/.*value="//;s/"$//')
  location=$(curl -s -b "$2" -o /dev/null -w '%{redirect_url}' "$BASE/Portfolio/Evidence/Create" \
    --data-urlencode "Input.Title=$1" --data-urlencode "Input.Kind=$kind" \
    --data-urlencode "__RequestVerificationToken=$(token <<<"$page")")
  grep -o 'id=[0-9]*' <<<"$location" | cut -d= -f2 || { echo "Could not create an evidence item" >&2; exit 1; }
}

# Uploads a plain-text file through an item's upload form (curl multipart, antiforgery token from the page) and
# prints "status seconds"; the page that came back is left in ANSWER. 302 = stored and attached.
#   upload_text JAR ITEM_ID FILE ANSWER
upload_text() {
  local view="$BASE/Portfolio/Evidence/View?id=$2"
  curl -s -b "$1" -c "$1" -o "$4" -w '%{http_code} %{time_total}' --max-time 300 \
    -F "__RequestVerificationToken=$(curl -s -b "$1" -c "$1" "$view" | token)" -F "upload=@$3;type=text/plain" "$view&handler=Upload"
}

# The message shown under the upload field in the HTML on standard input, or nothing.
upload_error() { grep -o 'id="upload-error"><span class="govuk-visually-hidden">Error:</span>[^<]*' | sed 's/.*<\/span> *//'; }
