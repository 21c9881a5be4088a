#!/usr/bin/env bash
# Starts or stops two private Orthanc servers with the DICOMweb plugin for Haven's tests: `pacs` stands in for a
# hospital PACS and `store` for a project's DICOM store. Both listen on loopback only, with authentication on.
#   orthanc.sh start DIR   starts both (idempotent) and prints `NAME=URL` lines: HAVEN_TEST_PACS_URL and
#                          HAVEN_TEST_DICOM_STORE_URL (Orthanc's REST root, credentials in the URL), and
#                          HAVEN_TEST_ORTHANC_DIR (each server's storage, index and request log under it)
#   orthanc.sh stop DIR    stops both
# Every HTTP request a server accepts is written to DIR/NAME/requests.log by a Lua filter, so tests can show that
# a refused action reached no server.
set -euo pipefail

action=${1:?usage: orthanc.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: orthanc.sh start|stop DIR}")
orthanc=$(command -v Orthanc || echo /usr/sbin/Orthanc)
[ -x "$orthanc" ] || { echo "orthanc.sh: Orthanc is not installed; run Deploy/install.sh" >&2; exit 69; }
plugins=/usr/share/orthanc/plugins
[ -f "$plugins/libOrthancDicomWeb.so" ] || { echo "orthanc.sh: orthanc-dicomweb is missing" >&2; exit 69; }

# A free loopback TCP port: bash's /dev/tcp fails to connect where nothing listens.
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "orthanc.sh: found no free port" >&2
    exit 69
}

is_up() { # NAME: answers on its recorded port with its recorded credentials
    local server="$dir/$1"
    [ -f "$server/http-port" ] && [ -f "$server/password" ] || return 1
    curl -fsS -o /dev/null --max-time 2 -u "haven:$(cat "$server/password")" \
        "http://127.0.0.1:$(cat "$server/http-port")/system" 2>/dev/null
}

write_config() { # NAME
    local server="$dir/$1"
    mkdir -p "$server/storage" "$server/index"
    [ -f "$server/password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$server/password"
    free_port >"$server/http-port"
    free_port >"$server/dicom-port"
    cat >"$server/requests.lua" <<LUA
function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)
  local log = io.open("$server/requests.log", "a")
  log:write(method, " ", uri, "\n")
  log:close()
  return true
end
LUA
    cat >"$server/orthanc.json" <<JSON
{
  "Name": "haven-test-$1",
  "HttpPort": $(cat "$server/http-port"),
  "DicomPort": $(cat "$server/dicom-port"),
  "DicomAet": "HAVEN$(echo "$1" | tr '[:lower:]' '[:upper:]')",
  "StorageDirectory": "$server/storage",
  "IndexDirectory": "$server/index",
  "StorageCompression": false,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "haven": "$(cat "$server/password")" },
  "HttpDescribeErrors": true,
  "LuaScripts": [ "$server/requests.lua" ],
  "Plugins": [ "$plugins/libOrthancDicomWeb.so" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "StudiesMetadata": "Full" }
}
JSON
}

start_one() { # NAME
    local server="$dir/$1"
    is_up "$1" && return
    [ -f "$server/pid" ] && kill "$(cat "$server/pid")" 2>/dev/null || true
    write_config "$1"
    "$orthanc" --logdir="$server" "$server/orthanc.json" >/dev/null 2>&1 &
    echo $! >"$server/pid"
    for _ in $(seq 1 100); do
        is_up "$1" && return
        sleep 0.1
    done
    echo "orthanc.sh: Orthanc $1 did not answer within 10 s; see $server/Orthanc.log" >&2
    exit 69
}

url_of() { echo "http://haven:$(cat "$dir/$1/password")@127.0.0.1:$(cat "$dir/$1/http-port")"; }

case "$action" in
start)
    start_one pacs
    start_one store
    echo "HAVEN_TEST_PACS_URL=$(url_of pacs)"
    echo "HAVEN_TEST_DICOM_STORE_URL=$(url_of store)"
    echo "HAVEN_TEST_ORTHANC_DIR=$dir"
    ;;
stop)
    for name in pacs store; do
        if [ -f "$dir/$name/pid" ]; then
            kill "$(cat "$dir/$name/pid")" 2>/dev/null || true
            rm -f "$dir/$name/pid"
        fi
    done
    ;;
*)
    echo "orthanc.sh: unknown action $action; use start or stop" >&2
    exit 64
    ;;
esac
