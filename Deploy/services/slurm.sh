#!/usr/bin/env bash
# Starts or stops a private single-node Slurm cluster for Haven's tests: munged, slurmctld and slurmd with four
# GPUs declared as GRES and backed by stand-in device files, and slurmrestd on a Unix socket (rest_auth/local).
#   slurm.sh start DIR   writes the configuration, starts what is not running, prints the socket path
#   slurm.sh stop DIR    stops the daemons
# Everything lives under DIR (a path under /tmp, so the unprivileged slurmrestd account can reach it): the
# configuration is DIR/slurm.conf, the socket DIR/rest/slurmrestd.socket. With rest_auth/local, jobs submitted
# through slurmrestd run as its account, `nobody`.
# Partitions, all on the one node: `gpu` (the default, where Haven's pools submit) is preemptible: a job of
# `urgent` that needs its GPUs requeues its jobs (preempt/partition_prio, PreemptMode=REQUEUE). `held` is down.
set -euo pipefail

action=${1:?usage: slurm.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: slurm.sh start|stop DIR}")
host=$(hostname -s)
# Ports from the folder's name, so that clusters of different checkouts do not collide.
base=$((20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 / 2 * 2))
export SLURM_CONF="$dir/slurm.conf"

stop_pid() {
    [ -f "$1" ] && kill "$(cat "$1")" 2>/dev/null || true
    rm -f "$1"
}

# Writes slurm.conf and gres.conf on first use and again when this script's version of them differs; prints
# `changed` when it replaced a configuration a running slurmctld may have read.
configure() {
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/dev" "$dir/log" "$dir/rest"
    # Stand-in GPUs: Slurm wants character devices, so these are copies of /dev/null's device numbers.
    for gpu in 0 1 2 3; do
        [ -c "$dir/dev/nvidia$gpu" ] || { rm -f "$dir/dev/nvidia$gpu"; mknod "$dir/dev/nvidia$gpu" c 1 3; }
    done
    [ -f "$dir/munge/munge.key" ] || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chown -R munge: "$dir/munge"
    chmod 0755 "$dir/munge"
    chmod 0400 "$dir/munge/munge.key"
    chown nobody: "$dir/rest"
    cat >"$dir/slurm.conf.new" <<CONF
ClusterName=haven
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmctldPort=$base
SlurmdPort=$((base + 1))
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
PreemptType=preempt/partition_prio
PreemptMode=REQUEUE
NodeName=$host CPUs=2 RealMemory=2000 Gres=gpu:a100:4 State=UNKNOWN
PartitionName=gpu Nodes=ALL Default=YES MaxTime=INFINITE State=UP PriorityTier=1 PreemptMode=REQUEUE
# A higher tier on the same node: its jobs take GPUs from jobs of gpu, which Slurm requeues.
PartitionName=urgent Nodes=ALL MaxTime=INFINITE State=UP PriorityTier=10 PreemptMode=OFF
# Jobs queue here but never start: tests use it for jobs that must stay pending.
PartitionName=held Nodes=ALL MaxTime=INFINITE State=DOWN
CONF
    cat >"$dir/gres.conf.new" <<CONF
NodeName=$host Name=gpu Type=a100 File=$dir/dev/nvidia[0-3]
CONF
    local changed=""
    for file in slurm.conf gres.conf; do
        if cmp -s "$dir/$file.new" "$dir/$file"; then
            rm "$dir/$file.new"
        else
            [ -f "$dir/$file" ] && changed=changed
            mv "$dir/$file.new" "$dir/$file"
        fi
    done
    echo "$changed"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

case "$action" in
start)
    for tool in munged slurmctld slurmd slurmrestd sinfo; do
        command -v "$tool" >/dev/null && continue
        echo "slurm.sh: $tool is not installed; run Deploy/install.sh" >&2
        exit 69
    done
    mkdir -p "$dir"
    # A controller that read an older configuration reads the new one (slurmd follows it).
    if [ -n "$(configure)" ] && running "$dir/slurmctld.pid"; then scontrol reconfigure; fi
    if ! running "$dir/munge/munged.pid"; then
        runuser -u munge -- munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
            --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
            --seed-file="$dir/munge/munged.seed" --force
    fi
    running "$dir/slurmctld.pid" || slurmctld -f "$dir/slurm.conf"
    running "$dir/slurmd.pid" || slurmd -f "$dir/slurm.conf"
    if ! running "$dir/rest/slurmrestd.pid"; then
        rm -f "$dir/rest/slurmrestd.socket"
        setpriv --reuid=nobody --regid=nogroup --clear-groups env SLURM_CONF="$dir/slurm.conf" \
            slurmrestd -s openapi/v0.0.38 -a rest_auth/local "unix:$dir/rest/slurmrestd.socket" \
            >"$dir/log/slurmrestd.log" 2>&1 &
        echo $! >"$dir/rest/slurmrestd.pid"
    fi
    # Ready when the node takes jobs and the REST socket answers.
    for _ in $(seq 1 100); do
        if [ -S "$dir/rest/slurmrestd.socket" ] && sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
            echo "$dir/rest/slurmrestd.socket"
            exit 0
        fi
        sleep 0.1
    done
    echo "slurm.sh: the cluster did not come up; see $dir/log" >&2
    exit 69
    ;;
stop)
    stop_pid "$dir/rest/slurmrestd.pid"
    stop_pid "$dir/slurmd.pid"
    stop_pid "$dir/slurmctld.pid"
    stop_pid "$dir/munge/munged.pid"
    ;;
*)
    echo "slurm.sh: unknown action $action; use start or stop" >&2
    exit 64
    ;;
esac
