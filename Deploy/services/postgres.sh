#!/usr/bin/env bash
# Starts or stops a private, socket-only PostgreSQL cluster for Haven's tests.
#   postgres.sh start DIR   creates the cluster on first use, starts it, prints its connection string
#   postgres.sh stop DIR    stops it
# As root the server runs as the unprivileged `postgres` account, which PostgreSQL requires.
set -euo pipefail

action=${1:?usage: postgres.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: postgres.sh start|stop DIR}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed; run Deploy/install.sh" >&2; exit 69; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$action" in
start)
    mkdir -p "$dir/socket"
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U haven -E UTF8 >"$dir/initdb.log"
    fi
    if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
            -o "-k $dir/socket -c listen_addresses='' -c max_connections=1000 -c fsync=off" start >/dev/null
    fi
    echo "host=$dir/socket user=haven dbname=postgres"
    ;;
stop)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
*)
    echo "postgres.sh: unknown action $action; use start or stop" >&2
    exit 64
    ;;
esac
