#!/usr/bin/env bash
# Installs what is missing, builds Haven, and runs the main job end to end on the bundled real CT case.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

Deploy/install.sh
swift build --product haven
.build/debug/haven demo "$@"
