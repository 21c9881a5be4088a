#!/usr/bin/env bash
# Job placement against a private PostgreSQL this script starts: submitters offer HAVEN_BENCH_RATE jobs/s (1000 by
# default) for HAVEN_BENCH_SECONDS (600 by default), two claimers place them as two replicas would; prints the
# placement rate, its first- and last-window rates, submit-to-placed latency p50/p99, and the tables' dead rows.
# Benchmarks/README.md's table is updated from the output by hand.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${HAVEN_BENCH_DIR:-/tmp/haven-queue-bench}"
seconds="${HAVEN_BENCH_SECONDS:-600}"
rate="${HAVEN_BENCH_RATE:-1000}"
mkdir -p "$work"

server=$("$root/Deploy/services/postgres.sh" start "$work/postgres")
trap '"$root/Deploy/services/postgres.sh" stop "$work/postgres"' EXIT
psql "$server" -q -c "DROP DATABASE IF EXISTS queue_bench WITH (FORCE)" -c "CREATE DATABASE queue_bench"
database="${server/dbname=postgres/dbname=queue_bench}"

(cd "$root" && swift build -c release --product haven-queue-bench >"$work/build.log" 2>&1)
echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/.build/release/haven-queue-bench" "$database" "$root/Migrations" --seconds "$seconds" --rate "$rate" \
    "$@" | tee "$work/result.tsv"

echo "== per minute: placed, p50 and p99 submit-to-placed latency (ms)"
psql "$database" -At -F $'\t' -c "
    WITH a AS (SELECT enqueued_at, placed_at FROM job_attempts), t AS (SELECT min(enqueued_at) AS t0 FROM a)
    SELECT floor(extract(epoch FROM placed_at - t0) / 60) AS minute, count(*) AS placed,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - enqueued_at))
                  * 1000)::numeric, 2) AS p50_ms,
           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - enqueued_at))
                  * 1000)::numeric, 2) AS p99_ms
    FROM a, t GROUP BY 1 ORDER BY 1" | tee "$work/minutes.tsv"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
