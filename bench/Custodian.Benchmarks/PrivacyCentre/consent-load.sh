#!/bin/sh
# Cookie-choice recording and privacy-centre pages over HTTP on loopback, SQLite, from a second process (wrk).
# Each step also prints the server's CPU time per request (from /proc), which a busy machine disturbs less
# than requests/s.
# Usage: bench/Custodian.Benchmarks/PrivacyCentre/consent-load.sh [seconds] [server build folder]
set -eu
seconds=${1:-15}
root=$(cd "$(dirname "$0")/../../.." && pwd)
bin=${2:-$root/src/Custodian.Server/bin/Release/net10.0}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
data=$(mktemp -d /tmp/custodian-consent-bench-XXXX)
[ -n "${2:-}" ] || dotnet build -c Release "$root/src/Custodian.Server" -v q >/dev/null
CUSTODIAN_ADMIN_PASSWORD='bench admin password 1' dotnet "$bin/Custodian.Server.dll" \
  --urls http://127.0.0.1:5099 --Storage:DataDirectory="$data" --PrivacyCentre:ChoicesPerMinutePerNetwork=100000000 \
  --Logging:LogLevel:Default=Warning >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$data"' EXIT
until curl -sf http://127.0.0.1:5099/health/live >/dev/null; do sleep 0.5; done
curl -sf http://127.0.0.1:5099/privacy >/dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
# wrk, then the server's CPU milliseconds per completed request.
run() {
  before=$(ticks)
  out=$(wrk "$@")
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  echo "server CPU per request: $(echo "$(ticks) $before $requests $(getconf CLK_TCK)" | awk '{ printf "%.3f ms", ($1 - $2) * 1000 / $4 / $3 }')"
}
echo "== consent.js gzipped bytes: $(gzip -9c "$root/src/Custodian.Server/wwwroot/consent.js" | wc -c)"
echo "== warm-up"; wrk -t2 -c32 -d3s -s "$(dirname "$0")/choices.lua" http://127.0.0.1:5099 >/dev/null
echo "== POST /api/v1/cookie-consent/choices"
run -t2 -c64 -d"${seconds}s" --latency -s "$(dirname "$0")/choices.lua" http://127.0.0.1:5099
echo "== GET /privacy?lang=en"
run -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:5099/privacy?lang=en"
echo "== GET /privacy/joint-use?lang=es"
run -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:5099/privacy/joint-use?lang=es"
echo "== GET /privacy/contact?lang=es"
run -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:5099/privacy/contact?lang=es"
echo "== GET /privacy/requests/new"
run -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:5099/privacy/requests/new"
echo "== rows in the ledger: $(sqlite3 "$data/custodian.db" 'select count(*) from privacycentre_cookie_choices' 2>/dev/null || echo n/a)"
