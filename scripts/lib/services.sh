# shellcheck shell=bash
#
# Shared helpers for jm-job's test scripts: make sure the MariaDB and Redis
# the integration tests talk to are up, and run a private MariaDB
# primary/replica pair for the read-replica tests.
#
# This file is meant to be *sourced* (by scripts/test.sh,
# scripts/replica-pair.sh, or a developer's shell). It deliberately does not
# run `set -euo pipefail` itself, because that would change the options of
# whatever shell sources it (an interactive shell would then exit on the
# first failing command). The callers set those options; every function here
# checks its own errors explicitly and returns non-zero, so it behaves the
# same with or without `set -e`.
#
# Messages go to stderr, prefixed with [jm-job], so that stdout stays free
# for machine-readable output (see print_replica_pair_env).

if [[ -n "${_JMJOB_SERVICES_SH_LOADED:-}" ]]; then
  return 0
fi
_JMJOB_SERVICES_SH_LOADED=1

# Poll interval and bound for every readiness wait: short polls instead of
# fixed sleeps keep the happy path fast, the bound keeps a broken setup from
# hanging CI.
_JMJOB_POLL_INTERVAL=0.2
_JMJOB_WAIT_SECONDS=${JMJOB_TEST_WAIT_SECONDS:-30}
_JMJOB_POLLS=$((_JMJOB_WAIT_SECONDS * 5))

jmjob_log() {
  printf '[jm-job] %s\n' "$*" >&2
}

# Only prints: returning non-zero here would make `set -e` callers exit on
# the spot, skipping the clean-up that follows an error message. Callers
# `return 1` themselves.
jmjob_error() {
  jmjob_log "ERROR: $*"
}

_jmjob_is_local_host() {
  case "$1" in
    127.* | localhost | ::1 | '[::1]') return 0 ;;
    *) return 1 ;;
  esac
}

# The MariaDB command line client; Debian ships it as `mariadb` with `mysql`
# as a compatibility name, other setups may only have one of them.
_jmjob_sql_client() {
  if command -v mariadb >/dev/null 2>&1; then
    echo mariadb
  elif command -v mysql >/dev/null 2>&1; then
    echo mysql
  else
    return 1
  fi
}

# mariadbd / mariadb-install-db live in /usr/sbin and /usr/bin on Debian, but
# /usr/sbin is often not on a normal user's PATH. JMJOB_MARIADBD and
# JMJOB_MARIADB_INSTALL_DB override the lookup (e.g. for a tarball install).
# Prints the first candidate that is an executable path or a command on PATH.
_jmjob_find_first() {
  local candidate
  for candidate in "$@"; do
    [[ -n "$candidate" ]] || continue
    if [[ "$candidate" == */* ]]; then
      [[ -x "$candidate" ]] && { echo "$candidate"; return 0; }
    elif command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

_jmjob_find_mariadbd() {
  _jmjob_find_first "${JMJOB_MARIADBD:-}" mariadbd mysqld /usr/sbin/mariadbd /usr/sbin/mysqld
}

_jmjob_find_install_db() {
  _jmjob_find_first "${JMJOB_MARIADB_INSTALL_DB:-}" mariadb-install-db mysql_install_db \
    /usr/bin/mariadb-install-db /usr/bin/mysql_install_db
}

# Plain TCP probe without any client tools (bash's /dev/tcp). Runs in a
# subshell so the file descriptor never leaks into the caller; `timeout`
# guards against a host that drops packets instead of refusing.
_jmjob_tcp_open() {
  local host=$1 port=$2
  if command -v timeout >/dev/null 2>&1; then
    # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash.
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/$host/$port") >/dev/null 2>&1
  fi
}

# Install Debian packages, but only where that is clearly allowed: we are root
# and apt-get exists. `apt-get update` first because a fresh container has no
# package lists. Returns 1 (without output noise) when not possible.
_jmjob_apt_install() {
  if [[ ${EUID:-$(id -u)} -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  jmjob_log "installing Debian packages: $* (apt-get, this can take a minute)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2; then
    jmjob_log "apt-get update failed"
    return 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2; then
    jmjob_log "apt-get install $* failed"
    return 1
  fi
  return 0
}

# `docker info` needs a reachable engine, not just the client (a machine can
# have the client only). Bounded, because a dead remote DOCKER_HOST can hang.
_jmjob_docker_usable() {
  command -v docker >/dev/null 2>&1 || return 1
  if command -v timeout >/dev/null 2>&1; then
    timeout 15 docker info >/dev/null 2>&1
  else
    docker info >/dev/null 2>&1
  fi
}

# ---------------------------------------------------------------------------
# MariaDB (the shared server the ordinary integration tests use)
# ---------------------------------------------------------------------------

# Client arguments for the configured test server. --no-defaults so that a
# developer's ~/.my.cnf cannot silently change user, password or socket;
# --protocol=TCP so that "localhost" does not mean "the unix socket".
_jmjob_db_client_args() {
  local -n _args=$1
  _args=(--no-defaults --protocol=TCP --connect-timeout=2
    -h "${JMJOB_TEST_DB_HOST}" -P "${JMJOB_TEST_DB_PORT}" -u "${JMJOB_TEST_DB_USER}")
  if [[ -n "${JMJOB_TEST_DB_PASSWORD}" ]]; then
    _args+=("--password=${JMJOB_TEST_DB_PASSWORD}")
  fi
}

# 0 = answers SELECT 1 with the configured credentials (or, without a client,
# at least accepts TCP connections); 1 = nothing listens; 2 = a MariaDB server
# answers but refuses the credentials (needs a different fix than starting a
# server); 3 = the port accepts connections but no MariaDB handshake follows
# (another service on that port, or a transparent proxy in front of a remote
# host - an open TCP port alone proves little in sandboxed networks).
_jmjob_mariadb_probe() {
  local client err
  if ! _jmjob_tcp_open "$JMJOB_TEST_DB_HOST" "$JMJOB_TEST_DB_PORT"; then
    return 1
  fi
  if ! client=$(_jmjob_sql_client); then
    # No client installed: an open port is the best evidence we can get.
    return 0
  fi
  local -a args
  _jmjob_db_client_args args
  if err=$("$client" "${args[@]}" -N -e 'SELECT 1' 2>&1 >/dev/null); then
    return 0
  fi
  # 1044/1045/1698: access denied; 1130: host not allowed.
  if [[ "$err" =~ ERROR\ (1044|1045|1698|1130) ]]; then
    return 2
  fi
  return 3
}

_jmjob_wait_for_mariadb() {
  local i rc=1
  for ((i = 0; i < _JMJOB_POLLS; i++)); do
    _jmjob_mariadb_probe && return 0
    rc=$?
    # A refusal right after start can be "server still initialising", so
    # keep polling; only the final answer decides.
    sleep "$_JMJOB_POLL_INTERVAL"
  done
  return "$rc"
}

# Start an installed but stopped system MariaDB. systemd where it runs;
# otherwise (containers, this project's CI machines) start mariadbd directly
# with start-stop-daemon, the way those machines start it. The server's own
# config (/etc/mysql) decides port, user and datadir.
_jmjob_start_system_mariadb() {
  local mariadbd
  mariadbd=$(_jmjob_find_mariadbd) || return 1
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    jmjob_log "starting MariaDB via systemctl"
    systemctl start mariadb >&2 2>&1 && return 0
  fi
  if [[ ${EUID:-$(id -u)} -ne 0 ]]; then
    jmjob_log "MariaDB is installed but not running, and starting the system server needs root"
    return 1
  fi
  # The Debian packaging expects the socket/pid directory to exist and to
  # belong to the mysql user; it is on a tmpfs, so it vanishes on reboot.
  mkdir -p /run/mysqld
  if id mysql >/dev/null 2>&1; then
    chown mysql: /run/mysqld 2>/dev/null || true
  fi
  jmjob_log "starting $mariadbd in the background"
  if command -v start-stop-daemon >/dev/null 2>&1; then
    start-stop-daemon --start --oknodo --background --exec "$mariadbd" >&2 || return 1
  else
    # Without start-stop-daemon: detach by hand. The server drops to the
    # user configured in /etc/mysql (Debian: user = mysql).
    (setsid "$mariadbd" </dev/null >/dev/null 2>&1 &)
  fi
}

# After a fresh `apt-get install mariadb-server` Debian's root@localhost only
# accepts unix_socket auth, so "root with an empty password over TCP" (the
# test default) is refused. Only in that case - a server this very run just
# installed, nothing to lose - allow root over TCP with an empty password.
_jmjob_open_fresh_root() {
  local client
  client=$(_jmjob_sql_client) || return 1
  [[ "$JMJOB_TEST_DB_USER" == root && -z "$JMJOB_TEST_DB_PASSWORD" ]] || return 1
  jmjob_log "freshly installed MariaDB: allowing root with an empty password over TCP (test machine only)"
  "$client" --no-defaults -uroot -e \
    "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
     CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
     GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
     FLUSH PRIVILEGES;" >&2
}

ensure_mariadb() {
  : "${JMJOB_TEST_DB_HOST:=127.0.0.1}"
  : "${JMJOB_TEST_DB_PORT:=3306}"
  : "${JMJOB_TEST_DB_USER:=root}"
  : "${JMJOB_TEST_DB_PASSWORD:=}"
  export JMJOB_TEST_DB_HOST JMJOB_TEST_DB_PORT JMJOB_TEST_DB_USER JMJOB_TEST_DB_PASSWORD
  local where="${JMJOB_TEST_DB_USER}@${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT}"

  local rc=0
  _jmjob_mariadb_probe || rc=$?
  if [[ $rc -eq 0 ]]; then
    jmjob_log "MariaDB reachable at $where"
    return 0
  fi
  if [[ $rc -eq 2 ]]; then
    jmjob_error "MariaDB at ${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT} is up but refuses $where." \
      "Set JMJOB_TEST_DB_USER / JMJOB_TEST_DB_PASSWORD to an account that may create databases."
    return 1
  fi
  if [[ $rc -eq 3 ]]; then
    jmjob_error "${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT} accepts connections but does not answer as MariaDB" \
      "(another service on that port, or the host is not reachable). Check JMJOB_TEST_DB_HOST/PORT."
    return 1
  fi

  if ! _jmjob_is_local_host "$JMJOB_TEST_DB_HOST"; then
    jmjob_error "MariaDB at ${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT} is not reachable;" \
      "it is not local, so start it yourself or point JMJOB_TEST_DB_HOST/PORT elsewhere."
    return 1
  fi

  local installed_now=""
  if ! _jmjob_find_mariadbd >/dev/null; then
    if _jmjob_apt_install mariadb-server mariadb-client; then
      installed_now=yes
    elif _jmjob_docker_usable; then
      # Last resort: the tests can start their own containers.
      jmjob_log "no local MariaDB and cannot install one; Docker works, so tests will use Testcontainers"
      export JMJOB_TEST_TESTCONTAINERS=true
      return 0
    else
      jmjob_error "no MariaDB at $where and none installed. Install it, e.g." \
        "'sudo apt-get install mariadb-server' (Debian/Ubuntu), start it, and make" \
        "root with an empty password work over TCP, or set JMJOB_TEST_DB_HOST/PORT/USER/PASSWORD."
      return 1
    fi
  fi

  # apt may already have started it (policy-rc.d permitting); only start it
  # ourselves if the port is still closed.
  if ! _jmjob_tcp_open "$JMJOB_TEST_DB_HOST" "$JMJOB_TEST_DB_PORT"; then
    _jmjob_start_system_mariadb || {
      jmjob_error "could not start the local MariaDB server (see above)."
      return 1
    }
  fi

  rc=0
  _jmjob_wait_for_mariadb || rc=$?
  if [[ $rc -eq 2 && -n "$installed_now" ]] && _jmjob_open_fresh_root; then
    rc=0
    _jmjob_wait_for_mariadb || rc=$?
  fi
  case $rc in
    0)
      jmjob_log "MariaDB ready at $where"
      return 0
      ;;
    2)
      jmjob_error "MariaDB started, but refuses $where. As root, allow it with:" \
        "mariadb -uroot -e \"ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket\"" \
        "or set JMJOB_TEST_DB_USER / JMJOB_TEST_DB_PASSWORD."
      return 1
      ;;
    *)
      jmjob_error "MariaDB did not answer on ${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT} within ${_JMJOB_WAIT_SECONDS}s" \
        "(check that JMJOB_TEST_DB_PORT matches the server's configured port; log: /var/log/mysql/error.log)."
      return 1
      ;;
  esac
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

# PING over the wire; redis-cli when present, otherwise a hand-written inline
# command over /dev/tcp (the Redis protocol accepts "PING\r\n").
_jmjob_redis_ping() {
  local host=${JMJOB_TEST_REDIS_HOST} port=${JMJOB_TEST_REDIS_PORT} reply=""
  if command -v redis-cli >/dev/null 2>&1; then
    reply=$(redis-cli -h "$host" -p "$port" ping 2>/dev/null) || return 1
  else
    _jmjob_tcp_open "$host" "$port" || return 1
    reply=$(
      exec 3<>"/dev/tcp/$host/$port" || exit 1
      printf 'PING\r\n' >&3
      IFS= read -r -t 2 line <&3 || exit 1
      printf '%s' "$line"
    ) 2>/dev/null || return 1
    reply=${reply%$'\r'}
    reply=${reply#+}
  fi
  [[ "$reply" == PONG ]]
}

_jmjob_wait_for_redis() {
  local i
  for ((i = 0; i < _JMJOB_POLLS; i++)); do
    _jmjob_redis_ping && return 0
    sleep "$_JMJOB_POLL_INTERVAL"
  done
  return 1
}

_jmjob_start_redis() {
  local port=$1 major bind_args
  command -v redis-server >/dev/null 2>&1 || return 1
  # "-::1" (bind IPv6 loopback only if it exists) is Redis >= 7 syntax.
  major=$(redis-server --version 2>/dev/null | sed -n 's/.* v=\([0-9]*\)\..*/\1/p')
  if [[ "${major:-0}" -ge 7 ]]; then
    bind_args=(--bind 127.0.0.1 -::1)
  else
    bind_args=(--bind 127.0.0.1)
  fi
  jmjob_log "starting redis-server on port $port (no persistence)"
  # --dir: daemonized Redis chdirs there; a temp dir keeps it from writing
  # anything into the repository or a read-only cwd.
  redis-server --daemonize yes "${bind_args[@]}" --port "$port" \
    --save "" --appendonly no --dir "${TMPDIR:-/tmp}" >&2
}

ensure_redis() {
  : "${JMJOB_TEST_REDIS_HOST:=127.0.0.1}"
  : "${JMJOB_TEST_REDIS_PORT:=6379}"
  export JMJOB_TEST_REDIS_HOST JMJOB_TEST_REDIS_PORT
  local where="${JMJOB_TEST_REDIS_HOST}:${JMJOB_TEST_REDIS_PORT}"

  if _jmjob_redis_ping; then
    jmjob_log "Redis reachable at $where"
    return 0
  fi
  if _jmjob_tcp_open "$JMJOB_TEST_REDIS_HOST" "$JMJOB_TEST_REDIS_PORT"; then
    jmjob_error "something listens on $where but does not answer PING (password-protected Redis, or not Redis?)."
    return 1
  fi
  if ! _jmjob_is_local_host "$JMJOB_TEST_REDIS_HOST"; then
    jmjob_error "Redis at $where is not reachable; it is not local, so start it yourself or point JMJOB_TEST_REDIS_HOST/PORT elsewhere."
    return 1
  fi

  if ! command -v redis-server >/dev/null 2>&1; then
    if _jmjob_apt_install redis-server; then
      :
    elif _jmjob_docker_usable; then
      jmjob_log "no local Redis and cannot install one; Docker works, so tests will use Testcontainers"
      export JMJOB_TEST_TESTCONTAINERS=true
      return 0
    else
      jmjob_error "no Redis at $where and none installed. Install it, e.g." \
        "'sudo apt-get install redis-server' (Debian/Ubuntu), or set JMJOB_TEST_REDIS_HOST/PORT."
      return 1
    fi
  fi

  # The package's own service may have come up on the default port already.
  if ! _jmjob_redis_ping; then
    _jmjob_start_redis "$JMJOB_TEST_REDIS_PORT" || {
      jmjob_error "could not start redis-server on port $JMJOB_TEST_REDIS_PORT."
      return 1
    }
  fi
  if _jmjob_wait_for_redis; then
    jmjob_log "Redis ready at $where"
    return 0
  fi
  jmjob_error "Redis did not answer PING at $where within ${_JMJOB_WAIT_SECONDS}s."
  return 1
}

# ---------------------------------------------------------------------------
# Private MariaDB primary/replica pair
# ---------------------------------------------------------------------------
#
# Why a private pair: the shared 3306 server has no binary log, so it cannot
# be a primary; and tests that stop the replica must not touch a shared
# server. Layout under $JMJOB_TEST_REPL_DIR:
#   primary/  data/ binlog/ tmp/ mariadbd.{sock,pid} error.log install-db.log
#   replica/  data/ (incl. relay logs) tmp/ mariadbd.{sock,pid} error.log ...
#   env.sh    the exported variables while the pair runs, for `source`
# Logs are kept after stop (for post-mortems); data dirs are wiped on stop and
# on every start, so each start begins from nothing.
#
# Two concurrent runs sharing one JMJOB_TEST_REPL_DIR would stop each other's
# pair: give parallel runs their own JMJOB_TEST_REPL_DIR and ports.

_JMJOB_REPL_USER=repl
_JMJOB_REPL_PASSWORD=repl

_jmjob_repl_defaults() {
  : "${JMJOB_TEST_REPL_DIR:=${TMPDIR:-/tmp}/jm-job-replica-pair}"
  : "${JMJOB_TEST_REPL_PRIMARY_PORT:=3407}"
  : "${JMJOB_TEST_REPL_REPLICA_PORT:=3408}"
  JMJOB_TEST_REPL_DATABASE=jmjob_repl
  JMJOB_TEST_REPL_APP_USER=jmjob_app
  JMJOB_TEST_REPL_APP_PASSWORD=jmjob_app
  export JMJOB_TEST_REPL_DIR JMJOB_TEST_REPL_PRIMARY_PORT JMJOB_TEST_REPL_REPLICA_PORT \
    JMJOB_TEST_REPL_DATABASE JMJOB_TEST_REPL_APP_USER JMJOB_TEST_REPL_APP_PASSWORD
}

# Root over the instance's own unix socket: used for setup, independent of
# which TCP users exist yet.
_jmjob_repl_sql() {
  local role=$1
  shift
  local client
  client=$(_jmjob_sql_client) || return 1
  "$client" --no-defaults -uroot --socket="$JMJOB_TEST_REPL_DIR/$role/mariadbd.sock" \
    --connect-timeout=2 -N -B "$@"
}

_jmjob_repl_pid() {
  local pidfile="$JMJOB_TEST_REPL_DIR/$1/mariadbd.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  echo "$pid"
}

# kill -0 also succeeds for a zombie. Our servers are detached (setsid), so
# their parent is PID 1, and a lazy init (seen in container/VM sandboxes)
# leaves them as zombies for seconds after they have really exited; waiting
# for those would make every stop needlessly slow.
_jmjob_pid_running() {
  local pid=$1 state=""
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    # Field 3 of /proc/PID/stat, after the parenthesised command name.
    state=$(sed 's/^.*) \([A-Za-z]\).*$/\1/' "/proc/$pid/stat" 2>/dev/null || true)
  else
    state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  fi
  [[ "$state" != Z* ]]
}

# True only if $pid is alive AND is a mariadbd serving our data dir, so a
# stale pid file whose number got reused by another process is never killed.
_jmjob_is_our_mariadbd() {
  local pid=$1 role=$2 cmdline
  _jmjob_pid_running "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  else
    cmdline=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  fi
  [[ "$cmdline" == *"--datadir=$JMJOB_TEST_REPL_DIR/$role/data"* ]]
}

_jmjob_repl_log_tails() {
  local role log
  for role in primary replica; do
    log="$JMJOB_TEST_REPL_DIR/$role/error.log"
    if [[ -s "$log" ]]; then
      jmjob_log "---- last lines of $log ----"
      tail -n 25 "$log" | sed 's/^/[jm-job]   /' >&2
    fi
  done
}

# Stop one instance: SIGTERM is mariadbd's clean shutdown; escalate to
# SIGKILL only after the bound, since the data is throw-away anyway.
_jmjob_repl_stop_one() {
  local role=$1 pid i
  if pid=$(_jmjob_repl_pid "$role") && _jmjob_is_our_mariadbd "$pid" "$role"; then
    jmjob_log "stopping $role (pid $pid)"
    _jmjob_repl_stopped_any=yes
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < _JMJOB_POLLS; i++)); do
      _jmjob_pid_running "$pid" || break
      sleep "$_JMJOB_POLL_INTERVAL"
    done
    if _jmjob_pid_running "$pid"; then
      jmjob_log "$role (pid $pid) ignored SIGTERM for ${_JMJOB_WAIT_SECONDS}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 25; i++)); do
        _jmjob_pid_running "$pid" || break
        sleep "$_JMJOB_POLL_INTERVAL"
      done
    fi
    if _jmjob_pid_running "$pid"; then
      jmjob_error "could not stop $role mariadbd (pid $pid)"
      return 1
    fi
  fi
  rm -f "$JMJOB_TEST_REPL_DIR/$role/mariadbd.pid" "$JMJOB_TEST_REPL_DIR/$role/mariadbd.sock"
  return 0
}

_jmjob_repl_wipe_data() {
  local role
  # Guard against an empty or root base dir before any rm -rf.
  case "$JMJOB_TEST_REPL_DIR" in
    '' | / | /tmp | /tmp/ | "${HOME:-/}" | "${HOME:-/}/")
      jmjob_error "refusing to wipe data under JMJOB_TEST_REPL_DIR='$JMJOB_TEST_REPL_DIR'"
      return 1
      ;;
  esac
  for role in primary replica; do
    rm -rf "${JMJOB_TEST_REPL_DIR:?}/$role/data" "${JMJOB_TEST_REPL_DIR:?}/$role/binlog" \
      "${JMJOB_TEST_REPL_DIR:?}/$role/tmp"
  done
}

stop_replica_pair() {
  _jmjob_repl_defaults
  local rc=0
  _jmjob_repl_stopped_any=""
  # Replica first, so it does not spend its shutdown reconnecting to a
  # primary that has just gone away.
  _jmjob_repl_stop_one replica || rc=1
  _jmjob_repl_stop_one primary || rc=1
  if [[ $rc -eq 0 ]]; then
    _jmjob_repl_wipe_data || rc=1
    rm -f "$JMJOB_TEST_REPL_DIR/env.sh"
    if [[ -n "$_jmjob_repl_stopped_any" ]]; then
      jmjob_log "replica pair stopped (logs kept in $JMJOB_TEST_REPL_DIR)"
    fi
  fi
  return "$rc"
}

# mariadbd refuses to run as root unless told which user to be; as root we
# stay root (the data dirs are ours) rather than chown to mysql.
_jmjob_repl_user_args() {
  if [[ ${EUID:-$(id -u)} -eq 0 ]]; then
    echo "--user=root"
  fi
}

_jmjob_repl_install_db() {
  local role=$1 install_db=$2 user_arg
  user_arg=$(_jmjob_repl_user_args)
  # --no-defaults: the machine's /etc/mysql config (datadir, port, socket)
  # must not leak into the private instance. Extra options go through to the
  # bootstrap mariadbd; a small redo log keeps the throw-away data dirs small.
  # Own --tmpdir per instance: two bootstraps running in parallel in a shared
  # /tmp were seen to trip over each other's temporary tables
  # ("Unknown table 'mysql.tmp_user_sys'").
  mkdir -p "$JMJOB_TEST_REPL_DIR/$role/tmp"
  "$install_db" --no-defaults ${user_arg:+"$user_arg"} \
    --auth-root-authentication-method=normal --skip-test-db \
    --datadir="$JMJOB_TEST_REPL_DIR/$role/data" \
    --tmpdir="$JMJOB_TEST_REPL_DIR/$role/tmp" \
    --innodb-log-file-size=16M \
    >"$JMJOB_TEST_REPL_DIR/$role/install-db.log" 2>&1
}

_jmjob_repl_launch() {
  local role=$1 port=$2 mariadbd=$3
  shift 3
  local dir="$JMJOB_TEST_REPL_DIR/$role" user_arg
  user_arg=$(_jmjob_repl_user_args)
  mkdir -p "$dir/tmp"
  # setsid + redirected stdio: the server must outlive the calling script and
  # must not hold its stdout open (that would keep a `$(...)` or a CI log
  # pipe waiting forever). -w: should setsid have to fork, it stays around
  # until the server exits, so the echoed pid still tells "alive or dead"
  # during startup. mariadbd writes its own pid file once initialised.
  (
    cd "$dir" || exit 1
    exec setsid -w "$mariadbd" --no-defaults ${user_arg:+"$user_arg"} \
      --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
      --socket="$dir/mariadbd.sock" --pid-file="$dir/mariadbd.pid" \
      --log-error="$dir/error.log" --tmpdir="$dir/tmp" \
      --skip-name-resolve --performance-schema=OFF \
      --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      "$@" </dev/null >>"$dir/stdout.log" 2>&1
  ) &
  echo $!
}

# Wait until the instance answers on its socket; fail fast if it died.
_jmjob_repl_wait_up() {
  local role=$1 launcher_pid=$2 i
  for ((i = 0; i < _JMJOB_POLLS; i++)); do
    if _jmjob_repl_sql "$role" -e 'SELECT 1' >/dev/null 2>&1; then
      return 0
    fi
    if ! _jmjob_pid_running "$launcher_pid"; then
      jmjob_error "$role mariadbd exited during startup"
      return 1
    fi
    sleep "$_JMJOB_POLL_INTERVAL"
  done
  jmjob_error "$role mariadbd did not accept connections within ${_JMJOB_WAIT_SECONDS}s"
  return 1
}

# Is anything (not ours - ours were stopped already) listening on the port?
_jmjob_port_busy() {
  _jmjob_tcp_open 127.0.0.1 "$1"
}

_jmjob_repl_setup_primary() {
  local db=$JMJOB_TEST_REPL_DATABASE app=$JMJOB_TEST_REPL_APP_USER
  local app_pw=$JMJOB_TEST_REPL_APP_PASSWORD host
  local sql="CREATE DATABASE \`$db\`;
CREATE USER '$_JMJOB_REPL_USER'@'%' IDENTIFIED BY '$_JMJOB_REPL_PASSWORD';
GRANT REPLICATION SLAVE ON *.* TO '$_JMJOB_REPL_USER'@'%';"
  # The app user gets plain DML on the one database and nothing else: no
  # SUPER / READ_ONLY ADMIN, so the replica's read_only really applies to it
  # (a user granted ALL could still write to the read-only replica).
  # Explicit localhost/127.0.0.1 entries as well as '%' so that no anonymous
  # or host-specific account can shadow it however the client connects.
  for host in '%' localhost 127.0.0.1 ::1; do
    sql+="
CREATE USER '$app'@'$host' IDENTIFIED BY '$app_pw';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$db\`.* TO '$app'@'$host';"
  done
  # Created on the primary after its binlog started, so all of this reaches
  # the replica through replication itself - the replica is never written to
  # directly. Root keeps its empty password on both (install-db made
  # root@localhost/127.0.0.1/::1), for Flyway on the primary and for tests
  # that SHUTDOWN the replica.
  _jmjob_repl_sql primary -e "$sql"
}

_jmjob_repl_setup_replica() {
  _jmjob_repl_sql replica -e "CHANGE MASTER TO
    MASTER_HOST='127.0.0.1', MASTER_PORT=$JMJOB_TEST_REPL_PRIMARY_PORT,
    MASTER_USER='$_JMJOB_REPL_USER', MASTER_PASSWORD='$_JMJOB_REPL_PASSWORD',
    MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos;
  START SLAVE;"
}

_jmjob_repl_slave_field() {
  # SHOW SLAVE STATUS\G prints "   Field_Name: value" lines; --column-names
  # undoes the -N of _jmjob_repl_sql, which would strip the field names.
  # An unreachable replica just yields an empty value (callers report it).
  { _jmjob_repl_sql replica --column-names -e 'SHOW SLAVE STATUS\G' 2>/dev/null || true; } |
    sed -n "s/^ *$1: *//p"
}

_jmjob_repl_wait_running() {
  local i io sql
  for ((i = 0; i < _JMJOB_POLLS; i++)); do
    io=$(_jmjob_repl_slave_field Slave_IO_Running)
    sql=$(_jmjob_repl_slave_field Slave_SQL_Running)
    if [[ "$io" == Yes && "$sql" == Yes ]]; then
      return 0
    fi
    sleep "$_JMJOB_POLL_INTERVAL"
  done
  jmjob_error "replication not running after ${_JMJOB_WAIT_SECONDS}s (Slave_IO_Running=${io:-?}, Slave_SQL_Running=${sql:-?}," \
    "Last_IO_Error=$(_jmjob_repl_slave_field Last_IO_Error), Last_SQL_Error=$(_jmjob_repl_slave_field Last_SQL_Error))"
  return 1
}

# End-to-end proof: a row written on the primary shows up on the replica.
# Done in a scratch database, dropped afterwards, so that jmjob_repl stays
# empty for Flyway (which refuses a non-empty schema without its history).
_jmjob_repl_verify_row() {
  local token i got
  token="probe-$$-$RANDOM"
  _jmjob_repl_sql primary -e "CREATE DATABASE jmjob_repl_probe;
    CREATE TABLE jmjob_repl_probe.probe (token VARCHAR(64) PRIMARY KEY);
    INSERT INTO jmjob_repl_probe.probe VALUES ('$token');" || return 1
  for ((i = 0; i < _JMJOB_POLLS; i++)); do
    got=$(_jmjob_repl_sql replica -e "SELECT token FROM jmjob_repl_probe.probe WHERE token='$token'" 2>/dev/null || true)
    if [[ "$got" == "$token" ]]; then
      _jmjob_repl_sql primary -e 'DROP DATABASE jmjob_repl_probe' || return 1
      # Also wait for the drop, so a test that starts right now sees a
      # replica that has caught up with everything the setup did.
      local j
      for ((j = 0; j < _JMJOB_POLLS; j++)); do
        got=$(_jmjob_repl_sql replica -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='jmjob_repl_probe'" 2>/dev/null || true)
        [[ "$got" == 0 ]] && return 0
        sleep "$_JMJOB_POLL_INTERVAL"
      done
      jmjob_error "replica did not apply the probe clean-up within ${_JMJOB_WAIT_SECONDS}s"
      return 1
    fi
    sleep "$_JMJOB_POLL_INTERVAL"
  done
  jmjob_error "row written on the primary did not reach the replica within ${_JMJOB_WAIT_SECONDS}s"
  return 1
}

# Machine-readable variables on stdout, e.g. for
#   eval "$(scripts/replica-pair.sh start)"
print_replica_pair_env() {
  _jmjob_repl_defaults
  local name
  for name in JMJOB_TEST_REPL_PRIMARY_PORT JMJOB_TEST_REPL_REPLICA_PORT \
    JMJOB_TEST_REPL_DATABASE JMJOB_TEST_REPL_APP_USER JMJOB_TEST_REPL_APP_PASSWORD; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done
}

_jmjob_start_replica_pair_inner() {
  local mariadbd install_db primary_launcher replica_launcher install_pids=() role pid

  if ! _jmjob_sql_client >/dev/null || ! mariadbd=$(_jmjob_find_mariadbd) ||
    ! install_db=$(_jmjob_find_install_db); then
    _jmjob_apt_install mariadb-server mariadb-client || true
    if ! _jmjob_sql_client >/dev/null || ! mariadbd=$(_jmjob_find_mariadbd) ||
      ! install_db=$(_jmjob_find_install_db); then
      jmjob_error "the replica pair needs mariadbd, mariadb-install-db and the mariadb client," \
        "and they are missing and could not be installed. Install them, e.g." \
        "'sudo apt-get install mariadb-server mariadb-client', or set JMJOB_MARIADBD /" \
        "JMJOB_MARIADB_INSTALL_DB to their paths."
      return 1
    fi
  fi
  if ! command -v setsid >/dev/null 2>&1; then
    jmjob_error "setsid (util-linux) is needed to run the replica pair in the background"
    return 1
  fi

  # Unix socket paths are limited to ~107 bytes; mariadbd's own error for
  # that is easy to miss, so say it up front.
  local sock="$JMJOB_TEST_REPL_DIR/replica/mariadbd.sock"
  if ((${#sock} > 100)); then
    jmjob_error "JMJOB_TEST_REPL_DIR is too long for a unix socket path ($sock);" \
      "set JMJOB_TEST_REPL_DIR (or TMPDIR) to a shorter directory."
    return 1
  fi

  # Idempotent start: whatever a previous run left behind goes first.
  stop_replica_pair || return 1

  for role in primary replica; do
    local port_var="JMJOB_TEST_REPL_${role^^}_PORT"
    if _jmjob_port_busy "${!port_var}"; then
      jmjob_error "port ${!port_var} (for the $role) is already in use by another process;" \
        "set $port_var to a free port."
      return 1
    fi
  done

  # From here on the logs belong to this attempt (older ones are replaced),
  # so a failure report never shows a previous run's log.
  _jmjob_repl_attempted=yes
  for role in primary replica; do
    mkdir -p "$JMJOB_TEST_REPL_DIR/$role"
    : >"$JMJOB_TEST_REPL_DIR/$role/error.log"
    : >"$JMJOB_TEST_REPL_DIR/$role/stdout.log"
  done
  mkdir -p "$JMJOB_TEST_REPL_DIR/primary/binlog"

  # Both data dirs are independent, so initialise them in parallel.
  for role in primary replica; do
    _jmjob_repl_install_db "$role" "$install_db" &
    install_pids+=($!)
  done
  local failed=""
  for pid in "${install_pids[@]}"; do
    wait "$pid" || failed=yes
  done
  if [[ -n "$failed" ]]; then
    for role in primary replica; do
      # The cause is near the top of this log, followed by a long generic
      # help text, so show the error lines rather than the tail.
      jmjob_log "---- errors in $JMJOB_TEST_REPL_DIR/$role/install-db.log ----"
      grep -iE 'error|fail|abort' "$JMJOB_TEST_REPL_DIR/$role/install-db.log" | head -n 20 |
        sed 's/^/[jm-job]   /' >&2 || true
    done
    jmjob_error "mariadb-install-db failed"
    return 1
  fi

  primary_launcher=$(_jmjob_repl_launch primary "$JMJOB_TEST_REPL_PRIMARY_PORT" "$mariadbd" \
    --server-id=1 --log-bin="$JMJOB_TEST_REPL_DIR/primary/binlog/mariadb-bin" --binlog-format=ROW)
  replica_launcher=$(_jmjob_repl_launch replica "$JMJOB_TEST_REPL_REPLICA_PORT" "$mariadbd" \
    --server-id=2 --read-only=ON \
    --relay-log="$JMJOB_TEST_REPL_DIR/replica/data/relay-bin")
  _jmjob_repl_wait_up primary "$primary_launcher" || return 1
  _jmjob_repl_wait_up replica "$replica_launcher" || return 1

  _jmjob_repl_setup_primary || { jmjob_error "setting up users/database on the primary failed"; return 1; }
  _jmjob_repl_setup_replica || { jmjob_error "configuring replication on the replica failed"; return 1; }
  _jmjob_repl_wait_running || return 1
  _jmjob_repl_verify_row || return 1
}

start_replica_pair() {
  _jmjob_repl_defaults
  local started=$SECONDS
  mkdir -p "$JMJOB_TEST_REPL_DIR" || { jmjob_error "cannot create $JMJOB_TEST_REPL_DIR"; return 1; }
  jmjob_log "starting MariaDB primary (:$JMJOB_TEST_REPL_PRIMARY_PORT) and replica (:$JMJOB_TEST_REPL_REPLICA_PORT) in $JMJOB_TEST_REPL_DIR"

  _jmjob_repl_attempted=""
  if ! _jmjob_start_replica_pair_inner; then
    if [[ -n "$_jmjob_repl_attempted" ]]; then
      _jmjob_repl_log_tails
    fi
    jmjob_error "replica pair did not start; stopping what was started (logs stay in $JMJOB_TEST_REPL_DIR)"
    _jmjob_repl_stop_one replica || true
    _jmjob_repl_stop_one primary || true
    return 1
  fi

  print_replica_pair_env >"$JMJOB_TEST_REPL_DIR/env.sh"
  jmjob_log "replica pair up and replicating after $((SECONDS - started))s:"
  local line
  while IFS= read -r line; do
    jmjob_log "  $line"
  done <"$JMJOB_TEST_REPL_DIR/env.sh"
  return 0
}

# Status for humans on stderr; returns 0 if both run and replicate, 3 if
# neither runs (LSB "not running"), 1 for anything in between.
replica_pair_status() {
  _jmjob_repl_defaults
  local role pid up=0 io sql lag
  for role in primary replica; do
    local port_var="JMJOB_TEST_REPL_${role^^}_PORT"
    if pid=$(_jmjob_repl_pid "$role") && _jmjob_is_our_mariadbd "$pid" "$role"; then
      jmjob_log "$role: running, pid $pid, port ${!port_var}"
      up=$((up + 1))
    else
      jmjob_log "$role: not running (port ${!port_var})"
    fi
  done
  if [[ $up -eq 0 ]]; then
    return 3
  fi
  if [[ $up -eq 2 ]]; then
    io=$(_jmjob_repl_slave_field Slave_IO_Running)
    sql=$(_jmjob_repl_slave_field Slave_SQL_Running)
    lag=$(_jmjob_repl_slave_field Seconds_Behind_Master)
    jmjob_log "replication: Slave_IO_Running=${io:-?} Slave_SQL_Running=${sql:-?} Seconds_Behind_Master=${lag:-?}"
    [[ "$io" == Yes && "$sql" == Yes ]] && return 0
  fi
  return 1
}
