#!/usr/bin/env bash
# Runs the whole test suite: unit, HTTP (SQLite and a throw-away PostgreSQL cluster) and Chromium journeys.
# Installs what a fresh machine lacks (Chromium through apt), and ends with "N passed, N failed, N skipped"
# counted from the TRX files the runs wrote.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

# Chromium for the browser journeys; a Japanese font for the PDF letters.
missing=()
for package in chromium fonts-ipaexfont-gothic; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} through apt..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_dir=$(mktemp -d /tmp/custodian-pg.XXXXXX)
pg_port=${PG_PORT:-55432}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300" -w start >/dev/null
export CUSTODIAN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export CUSTODIAN_PG_BIN="$pg_bin"
# The Adult data set the anonymization tests read is in the repository (datasets/adult);
# CUSTODIAN_DATASETS, when set, names another folder holding adult/.

# Tests must never run against binaries of an earlier build.
if ! dotnet build Custodian.slnx -c Release -nologo -v q; then
  echo "The build failed; no tests were run." >&2
  exit 1
fi
status=0
for project in tests/*/; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

summary=$(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
expected=$(ls -d tests/*/ | wc -l)
if [ "$trx_count" -ne "$expected" ]; then
  echo "expected $expected test result files, found $trx_count"
  status=1
fi
echo "$summary"
exit $status
