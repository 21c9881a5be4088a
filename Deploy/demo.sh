#!/usr/bin/env bash
# Installs what is missing, builds Haven, and runs the main job end to end on the bundled real CT case.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

Deploy/install.sh
swift build --product haven

# As root, PostgreSQL runs as the `postgres` account, which must reach HAVEN_HOME; a clone under a private home
# folder (such as /root) is out of its reach, so the demo's data then goes under /var/tmp.
if [ -z "${HAVEN_HOME:-}" ] && [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(pwd)"; then
    export HAVEN_HOME=/var/tmp/haven-demo
    echo "haven demo: the postgres account cannot reach $(pwd); using HAVEN_HOME=$HAVEN_HOME"
fi
.build/debug/haven demo "$@"
