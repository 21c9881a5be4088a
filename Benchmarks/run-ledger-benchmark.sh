#!/usr/bin/env bash
# The audit ledger against a private PostgreSQL this script starts: chained appends per second against plain
# inserts of the same rows into an unchained table with 1, 8 and 32 writers (HAVEN_BENCH_SECONDS each, 10 by
# default), then `verify` over one million entries (time), their export in process (peak RSS from
# /usr/bin/time -v), `haven audit verify FILE` of that export, and the same entries exported through a running
# `haven serve` over HTTP (the server's peak RSS from /proc). Prints the results; Benchmarks/README.md and the
# README's table are updated from them by hand.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${HAVEN_BENCH_DIR:-/tmp/haven-ledger-bench}"
seconds="${HAVEN_BENCH_SECONDS:-10}"
entries="${HAVEN_BENCH_ENTRIES:-1000000}"
mkdir -p "$work"

command -v /usr/bin/time >/dev/null || { echo "install Debian package 'time'" >&2; exit 69; }

server=$("$root/Deploy/services/postgres.sh" start "$work/postgres")
trap '"$root/Deploy/services/postgres.sh" stop "$work/postgres"' EXIT
psql "$server" -q -c "DROP DATABASE IF EXISTS ledger_bench WITH (FORCE)" -c "CREATE DATABASE ledger_bench"
database="${server/dbname=postgres/dbname=ledger_bench}"
rm -f "$work/ledger-key"

(cd "$root" && swift build -c release --product haven-ledger-bench >"$work/build.log" 2>&1)
(cd "$root" && swift build -c release --product haven >>"$work/build.log" 2>&1)
bench=("$root/.build/release/haven-ledger-bench")
haven="$root/.build/release/haven"
common=("$database" "$root/Migrations" "$work/ledger-key")

echo "== appends, $seconds s per run"
"${bench[@]}" appends "${common[@]}" "$seconds" | tee "$work/appends.tsv"

echo "== haven serve on the same database, with project bench"
rm -rf "$work/home"
HAVEN_HOME="$work/home" HAVEN_DATABASE_URL="$database" HAVEN_LEDGER_KEY_FILE="$work/ledger-key" \
    HAVEN_MIGRATIONS_DIR="$root/Migrations" "$haven" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; "$root/Deploy/services/postgres.sh" stop "$work/postgres"' EXIT
for _ in $(seq 1 600); do grep -q "serving at" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^Haven is serving at //p' "$work/serve.out")
token=$(grep -A1 "First start" "$work/serve.out" | tail -1)
[ -n "$url" ] && [ -n "$token" ] || { echo "haven serve did not start; see $work/serve.err" >&2; exit 69; }
export HAVEN_URL="$url" HAVEN_TOKEN="$token" HAVEN_CONFIG="$work/home/cli.json"
"$haven" project create bench >/dev/null
"$haven" project add-member bench admin auditor >/dev/null
project_id=$(psql "$database" -Atq -c "SELECT id FROM projects WHERE name = 'bench'")

echo "== fill to $entries entries"
HAVEN_BENCH_PROJECT_ID="$project_id" "${bench[@]}" fill "${common[@]}" "$entries"

echo "== verify"
"${bench[@]}" verify "${common[@]}" | tee "$work/verify.tsv"

echo "== export"
/usr/bin/time -v -o "$work/export.time" "${bench[@]}" export "${common[@]}" "$work/export.jsonl"
kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/export.time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/export.time")
echo "export: $(wc -l <"$work/export.jsonl") lines, $(du -m "$work/export.jsonl" | cut -f1) MB, peak RSS $((kb / 1024)) MB, wall $wall"

echo "== haven audit verify FILE"
/usr/bin/time -v -o "$work/verify-cli.time" "$haven" audit verify "$work/export.jsonl" | tail -1
kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/verify-cli.time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/verify-cli.time")
echo "haven audit verify FILE: wall $wall, peak RSS $((kb / 1024)) MB"

echo "== export over HTTP from haven serve"
before=$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")
started=$(date +%s.%N)
curl -sSf -H "Authorization: Bearer $token" "$url/v1/projects/bench/audit?format=jsonl" -o "$work/http-export.jsonl"
ended=$(date +%s.%N)
after=$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")
echo "http export: $(wc -l <"$work/http-export.jsonl") lines, $(du -m "$work/http-export.jsonl" | cut -f1) MB," \
    "$(echo "$ended - $started" | bc) s; server peak RSS $((before / 1024)) MB before, $((after / 1024)) MB after"
"$haven" audit verify "$work/http-export.jsonl" | tail -1
