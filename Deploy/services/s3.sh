#!/usr/bin/env bash
# Starts or stops an S3 emulator (moto's server mode, from PyPI) on a loopback port for Haven's tests.
#   s3.sh start DIR   starts it (once), prints its base URL, such as http://127.0.0.1:PORT
#   s3.sh stop DIR    stops it
# Any access key and secret are accepted; requests are still SigV4-signed, as a real store requires.
set -euo pipefail

action=${1:?usage: s3.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: s3.sh start|stop DIR}")
command -v moto_server >/dev/null || { echo "s3.sh: moto_server is missing; run Deploy/install.sh" >&2; exit 69; }

case "$action" in
start)
    mkdir -p "$dir"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null && [ -f "$dir/url" ]; then
        cat "$dir/url"
        exit 0
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    nohup moto_server -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            echo "http://127.0.0.1:$port" | tee "$dir/url"
            exit 0
        fi
        sleep 0.1
    done
    echo "s3.sh: moto_server did not answer on port $port; see $dir/moto.log" >&2
    exit 69
    ;;
stop)
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; rm -f "$dir/pid" "$dir/url"; fi
    ;;
*)
    echo "s3.sh: unknown action $action; use start or stop" >&2
    exit 64
    ;;
esac
