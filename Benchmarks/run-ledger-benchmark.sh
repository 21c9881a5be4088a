#!/usr/bin/env bash
# The audit ledger against a private PostgreSQL this script starts: chained appends per second against plain
# inserts of the same rows into an unchained table with 1, 8 and 32 writers (HAVEN_BENCH_SECONDS each, 10 by
# default), then `verify` over one million entries (time) and their export (peak RSS from /usr/bin/time -v).
# Prints the results; Benchmarks/README.md and the README's table are updated from them by hand.
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
bench=("$root/.build/release/haven-ledger-bench")
common=("$database" "$root/Migrations" "$work/ledger-key")

echo "== appends, $seconds s per run"
"${bench[@]}" appends "${common[@]}" "$seconds" | tee "$work/appends.tsv"

echo "== fill to $entries entries"
"${bench[@]}" fill "${common[@]}" "$entries"

echo "== verify"
"${bench[@]}" verify "${common[@]}" | tee "$work/verify.tsv"

echo "== export"
/usr/bin/time -v -o "$work/export.time" "${bench[@]}" export "${common[@]}" "$work/export.jsonl"
kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/export.time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/export.time")
echo "export: $(wc -l <"$work/export.jsonl") lines, $(du -m "$work/export.jsonl" | cut -f1) MB, peak RSS $((kb / 1024)) MB, wall $wall"
