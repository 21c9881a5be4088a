#!/usr/bin/env bash
# Installs the Debian packages Haven needs to build, run its demo and run its tests. Safe to run again:
# it installs only what is missing.
set -euo pipefail

packages=(
    pkg-config zlib1g-dev
    libpq-dev postgresql
    libcurl4-openssl-dev libssl-dev openssl
    libnifti2-dev libnifti-dev
    libmicrohttpd-dev
    munge slurmctld slurmd slurm-client slurmrestd
    curl orthanc orthanc-dicomweb dcmtk dcm2niix
    libyaml-dev python3-venv
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "haven install: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
    echo "haven install: the Swift 6 toolchain is missing; install it (https://swift.org/install) and retry" >&2
    exit 69
fi

# JupyterLab, the app of `jupyter` sessions (the session tests start one), from PyPI, into a virtual environment
# that every user may run: sessions run as users of their own.
jupyter_env=/opt/haven/jupyterlab
if [ ! -x "$jupyter_env/bin/jupyter-lab" ]; then
    echo "haven install: installing jupyterlab from PyPI into $jupyter_env"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    (
        umask 022 # readable by every user, whatever the caller's umask
        "${sudo_cmd[@]}" /usr/bin/python3 -m venv "$jupyter_env"
        "${sudo_cmd[@]}" "$jupyter_env/bin/pip" install -q jupyterlab
        "${sudo_cmd[@]}" ln -sf "$jupyter_env/bin/jupyter" "$jupyter_env/bin/jupyter-lab" /usr/local/bin/
    )
fi

# The S3 emulator the storage tests run against (moto's server mode, from PyPI).
if ! command -v moto_server >/dev/null 2>&1; then
    echo "haven install: installing moto[server] from PyPI"
    python3 -m pip install -q 'moto[server]' || python3 -m pip install -q --break-system-packages 'moto[server]'
fi
