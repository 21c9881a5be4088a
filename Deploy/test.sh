#!/usr/bin/env bash
# Installs what is missing, starts the services the tests need, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

Deploy/install.sh

# Under /tmp so the unprivileged postgres account can reach it wherever the clone lives.
services=/tmp/haven-test-services/$(pwd | sha256sum | cut -c1-12)
HAVEN_TEST_DATABASE_URL=$(Deploy/services/postgres.sh start "$services/postgres")
export HAVEN_TEST_DATABASE_URL
HAVEN_TEST_S3_URL=$(Deploy/services/s3.sh start "$services/s3")
export HAVEN_TEST_S3_URL HAVEN_TEST_SCRIPT=1
trap 'Deploy/services/postgres.sh stop "$services/postgres"; Deploy/services/s3.sh stop "$services/s3"' EXIT

swift build --build-tests
# The 2 GiB transfer runs on its own after the rest, so that it does not starve the parallel suite of CPU.
swift test --skip-build --skip LargeObjectTests
swift test --skip-build --filter LargeObjectTests
