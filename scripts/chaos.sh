#!/usr/bin/env bash
# The chaos run (issue 13): every fault at once, checked from the database and the nodes' journals.
#
#   scripts/chaos.sh [--short] [--seed=N] [--tasks=N] [--fault-seconds=N]
#
#   --short           a minute or two: 1,500 tasks, faults for 70 s (default: 10,000 tasks, 300 s)
#   --seed=N          the seed the faults and the workload are drawn from (default: random, printed first)
#
# Not part of `mvn verify`. Starts everything it uses and stops it on exit, whatever happens:
#   - a private MariaDB primary/replica pair (scripts/lib/services.sh, ports 3427/3428 unless
#     JMJOB_CHAOS_PRIMARY_PORT / JMJOB_CHAOS_REPLICA_PORT say otherwise; never the shared server),
#   - a private redis-server (port 6391, JMJOB_CHAOS_REDIS_PORT),
#   - a network namespace with a veth pair to it (root only; traffic only between the namespace
#     and this machine's side of the pair), in which the third node runs,
#   - two masters (Redis index, the replica for reads; ports 18481/18482, JMJOB_CHAOS_MASTER_PORT)
#     and three nodes, each node journaling every handler start and end to its own file.
# Faults, drawn from the seed and overlapping: node SIGKILL + restart, node SIGSTOP past its lease
# + SIGCONT, master SIGKILL + restart, Redis stop/start and FLUSHALL, replica stop/start, primary
# restart, the namespaced node cut off from the masters past its lease. Checks: every one-shot
# task has exactly one SUCCEEDED run (each unit of a sharded fire too); no unit of work (a task's
# fire, a shard of a fire, a broadcast node of a fire) had two executions overlap, and of two the
# later had the greater fencing token (a unit completed twice without overlap, the at-least-once
# window of a lease, is reported, not failed: docs/reliability.md); no handler started after its
# task's disable returned; every run is terminal; every cron or fixed-rate slot in the window
# fired once or is recorded SKIPPED (or waits in the fire that a disable caught before its claim:
# that fire runs on enable and stands for them). The verdict table is printed last and written to
# docs/reliability.md with the seed. Exit status 0 only if every check passed and every fault
# kind could be run.
#
# `scripts/chaos.sh ctl ACTION` is how the harness injects the infrastructure faults (redis-stop,
# redis-start, redis-flush, replica-stop, replica-start, primary-stop, primary-start, cut, heal).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

: "${JMJOB_CHAOS_DIR:=${TMPDIR:-/tmp}/jm-job-chaos}"
: "${JMJOB_CHAOS_PRIMARY_PORT:=3427}" "${JMJOB_CHAOS_REPLICA_PORT:=3428}"
: "${JMJOB_CHAOS_REDIS_PORT:=6391}" "${JMJOB_CHAOS_MASTER_PORT:=18481}"
export JMJOB_CHAOS_DIR JMJOB_CHAOS_PRIMARY_PORT JMJOB_CHAOS_REPLICA_PORT JMJOB_CHAOS_REDIS_PORT JMJOB_CHAOS_MASTER_PORT
# The replica pair's library reads these.
export JMJOB_TEST_REPL_DIR=$JMJOB_CHAOS_DIR/db
export JMJOB_TEST_REPL_PRIMARY_PORT=$JMJOB_CHAOS_PRIMARY_PORT JMJOB_TEST_REPL_REPLICA_PORT=$JMJOB_CHAOS_REPLICA_PORT

netns=jmjob-chaos
veth_host=jmc-h
veth_ns=jmc-n
host_ip=10.231.77.1
ns_ip=10.231.77.2

# ---- the services, and the fault steps on them ------------------------------------------------

redis_start() {
  redis-server --daemonize yes --bind 127.0.0.1 --port "$JMJOB_CHAOS_REDIS_PORT" --save "" --appendonly no \
    --pidfile "$JMJOB_CHAOS_DIR/redis.pid" --logfile "$JMJOB_CHAOS_DIR/redis.log" --dir "$JMJOB_CHAOS_DIR" >/dev/null
  _jmjob_wait redis-cli -p "$JMJOB_CHAOS_REDIS_PORT" ping >/dev/null
}

redis_stop() {
  local pid
  pid=$(cat "$JMJOB_CHAOS_DIR/redis.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  _jmjob_wait _jmjob_pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$JMJOB_CHAOS_DIR/redis.pid"
}

# The same flags as the pair's first start (scripts/lib/services.sh), on the same data.
db_start() {
  local role=$1 pid dir=$JMJOB_TEST_REPL_DIR
  _jmjob_repl_defaults
  if [[ $role == primary ]]; then
    pid=$(_jmjob_repl_launch primary "$JMJOB_CHAOS_PRIMARY_PORT" \
      --server-id=1 --log-bin="$dir/primary/binlog/mariadb-bin" --binlog-format=ROW)
  else
    pid=$(_jmjob_repl_launch replica "$JMJOB_CHAOS_REPLICA_PORT" \
      --server-id=2 --read-only=ON --relay-log="$dir/replica/data/relay-bin")
  fi
  _jmjob_repl_wait_up "$role" "$pid"
}

db_stop() {
  local role=$1 pid
  _jmjob_repl_defaults
  pid=$(_jmjob_repl_pid "$role") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  _jmjob_wait _jmjob_pid_gone "$pid" || { kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$JMJOB_TEST_REPL_DIR/$role/mariadbd.pid" "$JMJOB_TEST_REPL_DIR/$role/mariadbd.sock"
}

ctl() {
  case "$1" in
    redis-stop) redis_stop ;;
    redis-start) redis_start ;;
    redis-flush) redis-cli -p "$JMJOB_CHAOS_REDIS_PORT" flushall >/dev/null ;;
    replica-stop) db_stop replica ;;
    replica-start) db_start replica ;;
    primary-stop) db_stop primary ;;
    primary-start) db_start primary ;;
    # The namespace's only link goes down: nothing the node sends reaches a master, and back.
    cut) ip link set "$veth_host" down ;;
    heal) ip link set "$veth_host" up ;;
    *)
      echo "unknown ctl action: $1" >&2
      return 2
      ;;
  esac
}

if [[ ${1:-} == ctl ]]; then
  ctl "${2:?ctl ACTION}"
  exit
fi

# ---- the run ----------------------------------------------------------------------------------

args=()
for arg in "$@"; do
  case "$arg" in
    --short) args+=("--short=true") ;;
    --seed=* | --tasks=* | --fault-seconds=*) args+=("$arg") ;;
    -h | --help)
      sed -n '2,31p' "$0"
      exit 0
      ;;
    *)
      echo "unknown option $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

netns_missing=""
harness_pid=""

# shellcheck disable=SC2317 # only reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$harness_pid" ]]; then
    # The harness and every JVM it started share its process group (setsid below).
    kill -KILL -- "-$harness_pid" 2>/dev/null || true
  fi
  redis_stop
  stop_replica_pair || jmjob_log "warning: stopping the replica pair failed"
  if [[ -z "$netns_missing" ]]; then
    ip link del "$veth_host" 2>/dev/null || true
    ip netns del "$netns" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

setup_netns() {
  local why
  if [[ $EUID -ne 0 ]]; then
    netns_missing="network namespaces need root, and this script runs as uid $EUID"
    return
  fi
  if ! command -v ip >/dev/null; then
    netns_missing="no 'ip' command (iproute2) to make a network namespace"
    return
  fi
  ip link del "$veth_host" 2>/dev/null || true
  ip netns del "$netns" 2>/dev/null || true
  if ! why=$(ip netns add "$netns" 2>&1); then
    netns_missing="cannot create a network namespace here: $why"
    return
  fi
  if ! why=$({ ip link add "$veth_host" type veth peer name "$veth_ns" &&
    ip link set "$veth_ns" netns "$netns" &&
    ip addr add "$host_ip/30" dev "$veth_host" && ip link set "$veth_host" up &&
    ip -n "$netns" addr add "$ns_ip/30" dev "$veth_ns" && ip -n "$netns" link set "$veth_ns" up &&
    ip -n "$netns" link set lo up; } 2>&1); then
    netns_missing="cannot make the veth pair into the namespace: $why"
    ip netns del "$netns" 2>/dev/null || true
  fi
}

mkdir -p "$JMJOB_CHAOS_DIR"
rm -f "$JMJOB_CHAOS_DIR"/*.log
for port in "$JMJOB_CHAOS_REDIS_PORT" "$JMJOB_CHAOS_MASTER_PORT" "$((JMJOB_CHAOS_MASTER_PORT + 1))"; do
  if _jmjob_tcp_open 127.0.0.1 "$port"; then
    jmjob_error "port $port is in use; set the JMJOB_CHAOS_*_PORT variables to free ports"
    exit 1
  fi
done
command -v redis-server >/dev/null || _jmjob_apt_install redis-server ||
  { jmjob_error "the chaos run needs redis-server"; exit 1; }

setup_netns
if [[ -n "$netns_missing" ]]; then
  jmjob_log "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  jmjob_log "!!! THE NETWORK PARTITION FAULT WILL NOT RUN: $netns_missing"
  jmjob_log "!!! The report lists it as not run, and the run cannot pass."
  jmjob_log "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi

cd "$root"
jmjob_log "building the master and the chaos module (mvn package -Pchaos, tests skipped)..."
mvn -B -ntp -q -Pchaos -pl jm-job-master,jm-job-chaos -am package -DskipTests
master_jars=(jm-job-master/target/jm-job-master-*.jar)

start_replica_pair
_jmjob_repl_defaults
redis_start
jmjob_log "Redis on :$JMJOB_CHAOS_REDIS_PORT, logs and journals in $JMJOB_CHAOS_DIR"

# setsid: the harness leads a process group of its own, so the trap can end it and its JVMs.
setsid java -Xmx768m -cp "jm-job-chaos/target/classes:jm-job-chaos/target/lib/*" com.jm.job.chaos.ChaosMain \
  --dir="$JMJOB_CHAOS_DIR" --master-jar="${master_jars[0]}" --report="$root/docs/reliability.md" \
  --ctl="$script_dir/chaos.sh" --master-port="$JMJOB_CHAOS_MASTER_PORT" \
  --primary-port="$JMJOB_CHAOS_PRIMARY_PORT" --replica-port="$JMJOB_CHAOS_REPLICA_PORT" \
  --redis-port="$JMJOB_CHAOS_REDIS_PORT" --database="$JMJOB_TEST_REPL_DATABASE" \
  --app-user="$JMJOB_TEST_REPL_APP_USER" --app-password="$JMJOB_TEST_REPL_APP_PASSWORD" \
  --netns="$netns" --netns-host-ip="$host_ip" --netns-missing="$netns_missing" \
  ${args[@]+"${args[@]}"} &
harness_pid=$!
rc=0
wait "$harness_pid" || rc=$?
harness_pid=""
exit "$rc"
