#!/usr/bin/env bash
# Shared by the measuring scripts: start the built site on 127.0.0.1 and sign in through the real form.
# Source it after setting BASE (http://127.0.0.1:PORT) and work (a temporary folder); it sets $site.

# Starts the Release build in the Benchmark environment and waits until /healthz answers.
#   start_site DATA_FOLDER [--Extra:Setting=value ...]
start_site() {
  local data=$1
  shift
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
