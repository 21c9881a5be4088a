#!/usr/bin/env bash
# Policy decisions in process (release build): 1,000 generated rules plus the built-in ones, 10,000 users.
# Prints decisions per second and latency percentiles; Benchmarks/README.md is updated from them by hand.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
decisions="${HAVEN_BENCH_DECISIONS:-1000000}"
(cd "$root" && swift build -c release --product haven-policy-bench >/tmp/haven-policy-bench-build.log 2>&1)
"$root/.build/release/haven-policy-bench" "$decisions"
