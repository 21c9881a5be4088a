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
stop_services() {
    Deploy/services/postgres.sh stop "$services/postgres"
    Deploy/services/orthanc.sh stop "$services/orthanc"
    Deploy/services/slurm.sh stop "$services/slurm"
    Deploy/services/s3.sh stop "$services/s3"
}
trap stop_services EXIT
# Two Orthanc servers: a stand-in hospital PACS and a project DICOM store (HAVEN_TEST_PACS_URL and others).
orthanc_env=$(Deploy/services/orthanc.sh start "$services/orthanc")
while IFS= read -r line; do export "${line?}"; done <<<"$orthanc_env"

# The single-node Slurm cluster needs root (munged and slurmrestd run as their own accounts, the stand-in GPUs are
# device nodes); without root its tests are skipped with a message.
if [ "$(id -u)" -eq 0 ]; then
    HAVEN_TEST_SLURMRESTD_SOCKET=$(Deploy/services/slurm.sh start "$services/slurm")
    export HAVEN_TEST_SLURMRESTD_SOCKET HAVEN_TEST_SLURM_REQUIRED=1
else
    echo "test.sh: not root, so the Slurm tests are skipped" >&2
fi

swift build --build-tests
# The 2 GiB transfer runs on its own after the rest, so that it does not starve the parallel suite of CPU.
swift test --skip-build --skip LargeObjectTests
swift test --skip-build --filter LargeObjectTests
