#!/usr/bin/env bash
# Object throughput through Haven's API against the same bytes straight from disk. Starts a release
# `haven serve` on a private PostgreSQL, makes a project, a researcher and a filesystem endpoint, then for a
# file of HAVEN_BENCH_MIB MiB of random bytes (1024 by default), best of HAVEN_BENCH_RUNS runs (3 by default):
#   direct read    dd of the stored object file to /dev/null, and sha256sum of it (a read with the same digest)
#   API download   curl GET through Haven (access decision, audit entry, SHA-256 check while streaming)
#   direct copy    cp of the source file into the same filesystem (fsync'd)
#   API upload     curl PUT through Haven (streamed to a staging file with SHA-256, checked, audited, linked)
# Every file is in the page cache, so disk speed drops out and Haven's own cost shows. Also prints the
# server's peak RSS. Results go to Benchmarks/README.md by hand.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${HAVEN_BENCH_DIR:-/tmp/haven-storage-bench}"
mib="${HAVEN_BENCH_MIB:-1024}"
runs="${HAVEN_BENCH_RUNS:-3}"
rm -rf "$work/home"
mkdir -p "$work/home"

server=$("$root/Deploy/services/postgres.sh" start "$work/postgres")
psql "$server" -q -c "DROP DATABASE IF EXISTS storage_bench WITH (FORCE)" -c "CREATE DATABASE storage_bench"
configuration="${HAVEN_BENCH_CONFIGURATION:-release}"
(cd "$root" && swift build -c "$configuration" --product haven >"$work/build.log" 2>&1)
haven="$root/.build/$configuration/haven"

export HAVEN_HOME="$work/home" HAVEN_DATABASE_URL="${server/dbname=postgres/dbname=storage_bench}"
export HAVEN_LOG_LEVEL=warning
"$haven" serve --port 0 >"$work/serve.out" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; "$root/Deploy/services/postgres.sh" stop "$work/postgres"' EXIT
for _ in $(seq 1 300); do grep -q "serving at" "$work/serve.out" && break; sleep 0.2; done
url=$(sed -n 's/^Haven is serving at //p' "$work/serve.out")
admin=$(sed -n '/^First start/{n;p}' "$work/serve.out")

export HAVEN_URL="$url"
HAVEN_TOKEN="$admin" "$haven" project create bench >/dev/null
HAVEN_TOKEN="$admin" "$haven" storage create bench images >/dev/null
token=$(HAVEN_TOKEN="$admin" "$haven" user create ada | tail -n 1)
HAVEN_TOKEN="$admin" "$haven" project add-member bench ada researcher >/dev/null

source="$work/source.bin"
[ -f "$source" ] && [ "$(stat -c %s "$source")" -eq $((mib << 20)) ] || head -c "$((mib << 20))" /dev/urandom >"$source"
digest=$(sha256sum "$source" | cut -d' ' -f1)
cat "$source" >/dev/null

# Seconds for one run of a command, from bash's own clock.
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
best() { local b=""; for _ in $(seq 1 "$runs"); do t=$(seconds "$@"); if [ -z "$b" ] || (( $(echo "$t < $b" | bc) )); then b=$t; fi; done; echo "$b"; }

upload() {
    curl -sf -o /dev/null -T "$source" -H "Authorization: Bearer $token" -H "X-Haven-SHA256: $digest" \
        -H "Content-Type: application/octet-stream" "$url/v1/projects/bench/objects/runs/$1.bin"
}
n=0
upload_once() { n=$((n + 1)); upload "up-$n-$RANDOM"; }
copy_once() { cp "$source" "$work/home/copy.bin" && sync "$work/home/copy.bin" && rm -f "$work/home/copy.bin"; }

upload stored
stored="$work/home/storage/bench/images/runs/stored.bin"
cat "$stored" >/dev/null
direct_read=$(best dd if="$stored" of=/dev/null bs=1M status=none)
direct_hash=$(best sha256sum "$stored")
api_read=$(best curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url/v1/projects/bench/objects/runs/stored.bin")
direct_copy=$(best copy_once)
api_upload=$(best upload_once)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$serve/status")

rate() { echo "scale=0; $mib / $1" | bc; }
printf "| operation | seconds | MiB/s | API / direct |\n| --- | ---: | ---: | ---: |\n"
printf "| direct read (dd) | %.2f | %s | — |\n" "$direct_read" "$(rate "$direct_read")"
printf "| direct read with SHA-256 (sha256sum) | %.2f | %s | — |\n" "$direct_hash" "$(rate "$direct_hash")"
printf "| API download (GET, SHA-256 checked, audited) | %.2f | %s | %.2f |\n" "$api_read" "$(rate "$api_read")" \
    "$(echo "$direct_read / $api_read" | bc -l)"
printf "| API download / sha256sum | | | %.2f |\n" "$(echo "$direct_hash / $api_read" | bc -l)"
printf "| direct copy (cp + sync) | %.2f | %s | — |\n" "$direct_copy" "$(rate "$direct_copy")"
printf "| API upload (PUT, SHA-256 checked, audited) | %.2f | %s | %.2f |\n" "$api_upload" "$(rate "$api_upload")" \
    "$(echo "$direct_copy / $api_upload" | bc -l)"
echo "server peak RSS: $((rss / 1024)) MiB ($mib MiB file, $runs runs each)"
