# shellcheck shell=bash
#
# Shared by scripts/test.sh, scripts/bench.sh, scripts/replica-pair.sh and
# scripts/private-mariadb.sh: make sure the MariaDB and Redis the integration tests talk to are up
# (ensure_mariadb, ensure_redis), run a private MariaDB primary/replica pair for the read-replica
# tests (start_replica_pair, stop_replica_pair, replica_pair_status, print_replica_pair_env), and
# a private MariaDB a test may stop and start again (start_private_mariadb, stop_private_mariadb),
# and a private Redis Cluster and Sentinel set-up (start_redis_ha, stop_redis_ha, redis_ha_status,
# print_redis_ha_env).
#
# Sourced, so it sets no shell options (they would change whatever shell sources it, an
# interactive one included): every function checks its own errors and returns non-zero, the same
# with or without `set -e`. Messages go to stderr, so that stdout stays free for
# print_replica_pair_env.

jmjob_log() { printf '[jm-job] %s\n' "$*" >&2; }

# Only prints: returning non-zero would make a `set -e` caller exit on the spot, skipping the
# clean-up that follows an error message. Callers `return 1` themselves.
jmjob_error() { jmjob_log "ERROR: $*"; }

# Every readiness wait polls: short polls keep the happy path fast, the bound (30 s) keeps a broken
# setup from hanging CI. Runs "$@" until it succeeds; returns its last status.
_jmjob_wait() {
  local i rc=1
  for ((i = 0; i < 150; i++)); do
    "$@" && return 0
    rc=$?
    sleep 0.2
  done
  return "$rc"
}

_jmjob_is_local_host() {
  case "$1" in
    127.* | localhost | ::1 | '[::1]') return 0 ;;
    *) return 1 ;;
  esac
}

# Plain TCP connect through bash's /dev/tcp, no client tools needed. In a child bash, so the
# descriptor never leaks into the caller; `timeout` covers a host that drops packets instead of
# refusing.
_jmjob_tcp_open() {
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash.
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

# The MariaDB client: Debian ships it as `mariadb` with `mysql` as a compatibility name, other
# setups may only have one of them.
_jmjob_sql_client() { command -v mariadb || command -v mysql; }

# mariadbd lives in /usr/sbin, which is often not on a normal user's PATH.
_jmjob_sbin() { PATH="$PATH:/usr/sbin" command -v "$1"; }

# Installs Debian packages only where that is clearly allowed: as root, with apt-get. `apt-get
# update` first because a fresh container has no package lists.
_jmjob_apt_install() {
  [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null || return 1
  jmjob_log "installing Debian packages: $* (apt-get, this can take a minute)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 && return 0
  jmjob_log "apt-get install $* failed"
  return 1
}

# Last resort where nothing can be installed: the tests start their own containers
# (Testcontainers) if a Docker engine answers. `docker info` needs the engine, not just the client;
# bounded, because a dead remote DOCKER_HOST can hang.
_jmjob_docker_fallback() {
  command -v docker >/dev/null && timeout 15 docker info >/dev/null 2>&1 || return 1
  jmjob_log "no local $1 and none can be installed; Docker works, so the tests will use Testcontainers"
}

# ---------------------------------------------------------------------------------------------
# MariaDB: the shared server the ordinary integration tests use
# ---------------------------------------------------------------------------------------------

# 0: answers SELECT 1 with the configured credentials (or, with no client installed, at least
# accepts TCP connections); 1: nothing listens; 2: a MariaDB answers but refuses the credentials
# (which needs another fix than starting a server); 3: the port accepts connections but no MariaDB
# answers (another service on that port, or a proxy in front of a remote host: an open TCP port
# alone proves little in sandboxed networks).
_jmjob_mariadb_probe() {
  local client err
  _jmjob_tcp_open "$JMJOB_TEST_DB_HOST" "$JMJOB_TEST_DB_PORT" || return 1
  client=$(_jmjob_sql_client) || return 0
  # --no-defaults: a developer's ~/.my.cnf must not change user, password or socket;
  # --protocol=TCP: "localhost" must not mean "the unix socket".
  err=$("$client" --no-defaults --protocol=TCP --connect-timeout=2 -h "$JMJOB_TEST_DB_HOST" \
    -P "$JMJOB_TEST_DB_PORT" -u "$JMJOB_TEST_DB_USER" \
    ${JMJOB_TEST_DB_PASSWORD:+"--password=$JMJOB_TEST_DB_PASSWORD"} -N -e 'SELECT 1' 2>&1 >/dev/null) &&
    return 0
  # 1044/1045/1698: access denied; 1130: host not allowed.
  [[ "$err" =~ ERROR\ (1044|1045|1698|1130) ]] && return 2
  return 3
}

# Starts the installed but stopped system MariaDB: with systemd where it runs, otherwise
# (containers, this project's CI machines) mariadbd through start-stop-daemon, the way those
# machines start it. The server's own configuration (/etc/mysql) decides port, user and datadir.
_jmjob_start_system_mariadb() {
  if [[ -d /run/systemd/system ]]; then
    jmjob_log "starting MariaDB via systemctl"
    systemctl start mariadb >&2 && return 0
  fi
  if [[ $EUID -ne 0 ]]; then
    jmjob_error "MariaDB is installed but not running, and starting the system server needs root."
    return 1
  fi
  # Debian's packaging expects this socket/pid directory, owned by mysql; it is on a tmpfs, so it
  # vanishes on reboot.
  mkdir -p /run/mysqld && chown mysql: /run/mysqld || return 1
  jmjob_log "starting mariadbd in the background"
  start-stop-daemon --start --oknodo --background --exec "$(_jmjob_sbin mariadbd)" >&2
}

# After a fresh `apt-get install mariadb-server`, Debian's root@localhost accepts only unix_socket
# authentication, so "root with an empty password over TCP" (the test default) is refused. Only
# for a server this very run installed (nothing to lose) allow that.
_jmjob_open_fresh_root() {
  [[ "$JMJOB_TEST_DB_USER" == root && -z "$JMJOB_TEST_DB_PASSWORD" ]] || return 1
  jmjob_log "freshly installed MariaDB: allowing root with an empty password over TCP (test machine only)"
  "$(_jmjob_sql_client)" --no-defaults -uroot -e \
    "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
     CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
     GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" >&2
}

# Each test JVM opens several pools and the end-to-end tests start masters of their own, so the
# stock 151 connections can run out ("Too many connections") when a build runs beside the suite.
# Best effort: raise the limit for the server's present run; a warning if the account may not.
_jmjob_mariadb_room() {
  local client have want=500
  client=$(_jmjob_sql_client) || return 0
  local args=(--no-defaults --protocol=TCP --connect-timeout=2 -h "$JMJOB_TEST_DB_HOST" -P "$JMJOB_TEST_DB_PORT"
    -u "$JMJOB_TEST_DB_USER" ${JMJOB_TEST_DB_PASSWORD:+"--password=$JMJOB_TEST_DB_PASSWORD"} -N)
  have=$("$client" "${args[@]}" -e 'SELECT @@GLOBAL.max_connections' 2>/dev/null) || return 0
  [[ "$have" =~ ^[0-9]+$ ]] && ((have < want)) || return 0
  if "$client" "${args[@]}" -e "SET GLOBAL max_connections = $want" 2>/dev/null; then
    jmjob_log "MariaDB max_connections raised from $have to $want for the tests"
  else
    jmjob_log "warning: MariaDB allows $have connections and $JMJOB_TEST_DB_USER may not raise it; tests may fail with 'Too many connections'"
  fi
  return 0
}

ensure_mariadb() {
  : "${JMJOB_TEST_DB_HOST:=127.0.0.1}" "${JMJOB_TEST_DB_PORT:=3306}" "${JMJOB_TEST_DB_USER:=root}"
  : "${JMJOB_TEST_DB_PASSWORD:=}"
  export JMJOB_TEST_DB_HOST JMJOB_TEST_DB_PORT JMJOB_TEST_DB_USER JMJOB_TEST_DB_PASSWORD
  local at="${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT}" installed_now="" rc=0
  local who="$JMJOB_TEST_DB_USER@$at"

  _jmjob_mariadb_probe || rc=$?
  if [[ $rc -eq 1 ]]; then
    if ! _jmjob_is_local_host "$JMJOB_TEST_DB_HOST"; then
      jmjob_error "MariaDB at $at is not reachable; it is not local, so start it yourself or point" \
        "JMJOB_TEST_DB_HOST/PORT elsewhere."
      return 1
    fi
    if ! _jmjob_sbin mariadbd >/dev/null; then
      if _jmjob_apt_install mariadb-server mariadb-client; then
        installed_now=yes
      elif _jmjob_docker_fallback MariaDB; then
        return 0
      else
        jmjob_error "no MariaDB at $at and none installed. Install it, e.g. 'sudo apt-get install" \
          "mariadb-server' (Debian/Ubuntu), start it, and make root with an empty password work" \
          "over TCP, or set JMJOB_TEST_DB_HOST/PORT/USER/PASSWORD."
        return 1
      fi
    fi
    # apt may have started it already (policy-rc.d permitting).
    if ! _jmjob_tcp_open "$JMJOB_TEST_DB_HOST" "$JMJOB_TEST_DB_PORT"; then
      _jmjob_start_system_mariadb || { jmjob_error "could not start the local MariaDB (see above)."; return 1; }
    fi
    # MariaDB listens only once its grant tables are loaded, so an open port is ready to ask.
    if ! _jmjob_wait _jmjob_tcp_open "$JMJOB_TEST_DB_HOST" "$JMJOB_TEST_DB_PORT"; then
      jmjob_error "MariaDB did not listen on $at within 30s (does JMJOB_TEST_DB_PORT match the" \
        "server's configured port? log: /var/log/mysql/error.log)."
      return 1
    fi
    rc=0
    _jmjob_mariadb_probe || rc=$?
    if [[ $rc -eq 2 && -n "$installed_now" ]] && _jmjob_open_fresh_root; then
      rc=0
      _jmjob_mariadb_probe || rc=$?
    fi
  fi
  case $rc in
    0) jmjob_log "MariaDB ready at $who" && _jmjob_mariadb_room && return 0 ;;
    2) jmjob_error "MariaDB at $at refuses $who. Set JMJOB_TEST_DB_USER / JMJOB_TEST_DB_PASSWORD to an" \
      "account that may create databases, or (as root, on a test machine) allow root with:" \
      "mariadb -uroot -e \"ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket\"" ;;
    *) jmjob_error "$at accepts connections but does not answer as MariaDB (another service on that" \
      "port, or the host is not reachable). Check JMJOB_TEST_DB_HOST/PORT." ;;
  esac
  return 1
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------

# PING in Redis's inline protocol over /dev/tcp, so redis-cli is not needed.
_jmjob_redis_ping() {
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash.
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && read -r reply <&3 &&
    [[ $reply == +PONG* ]]' _ "$JMJOB_TEST_REDIS_HOST" "$JMJOB_TEST_REDIS_PORT" 2>/dev/null
}

ensure_redis() {
  : "${JMJOB_TEST_REDIS_HOST:=127.0.0.1}" "${JMJOB_TEST_REDIS_PORT:=6379}"
  export JMJOB_TEST_REDIS_HOST JMJOB_TEST_REDIS_PORT
  local at="${JMJOB_TEST_REDIS_HOST}:${JMJOB_TEST_REDIS_PORT}"

  if _jmjob_redis_ping; then
    jmjob_log "Redis reachable at $at"
    return 0
  fi
  if _jmjob_tcp_open "$JMJOB_TEST_REDIS_HOST" "$JMJOB_TEST_REDIS_PORT"; then
    jmjob_error "something listens on $at but does not answer PING (password-protected Redis, or not Redis?)."
    return 1
  fi
  if ! _jmjob_is_local_host "$JMJOB_TEST_REDIS_HOST"; then
    jmjob_error "Redis at $at is not reachable; it is not local, so start it yourself or point" \
      "JMJOB_TEST_REDIS_HOST/PORT elsewhere."
    return 1
  fi
  if ! command -v redis-server >/dev/null; then
    _jmjob_apt_install redis-server || {
      _jmjob_docker_fallback Redis && return 0
      jmjob_error "no Redis at $at and none installed. Install it, e.g. 'sudo apt-get install" \
        "redis-server' (Debian/Ubuntu), or set JMJOB_TEST_REDIS_HOST/PORT."
      return 1
    }
  fi
  # The package's own service may be up on that port already; otherwise a private server without
  # persistence. --dir: a daemonized Redis chdirs there, so it writes nothing into the repository.
  # "-::1": the IPv6 loopback too, if the machine has one.
  if ! _jmjob_redis_ping; then
    jmjob_log "starting redis-server on port $JMJOB_TEST_REDIS_PORT (no persistence)"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$JMJOB_TEST_REDIS_PORT" \
      --save "" --appendonly no --dir "${TMPDIR:-/tmp}" >&2 || {
      jmjob_error "could not start redis-server on port $JMJOB_TEST_REDIS_PORT."
      return 1
    }
  fi
  if ! _jmjob_wait _jmjob_redis_ping; then
    jmjob_error "Redis did not answer PING at $at within 30s."
    return 1
  fi
  jmjob_log "Redis ready at $at"
}

# ---------------------------------------------------------------------------------------------
# Private MariaDB primary/replica pair
# ---------------------------------------------------------------------------------------------
#
# Why a private pair: the shared 3306 server has no binary log, so it cannot be a primary; and
# tests that stop the replica must not touch a shared server. Layout under $JMJOB_TEST_REPL_DIR:
#   primary/  data/ binlog/ tmp/ mariadbd.{sock,pid} error.log stdout.log install-db.log
#   replica/  data/ (relay logs included) tmp/ mariadbd.{sock,pid} and the same logs
#   env.sh    the exported variables while the pair runs, for `source`
# Logs are kept after stop, for post-mortems; data dirs are wiped on stop and so on every start,
# which begins from nothing.
#
# Two runs sharing one JMJOB_TEST_REPL_DIR would stop each other's pair: give parallel runs their
# own JMJOB_TEST_REPL_DIR and ports.

_jmjob_repl_defaults() {
  : "${JMJOB_TEST_REPL_DIR:=${TMPDIR:-/tmp}/jm-job-replica-pair}"
  : "${JMJOB_TEST_REPL_PRIMARY_PORT:=3407}" "${JMJOB_TEST_REPL_REPLICA_PORT:=3408}"
  JMJOB_TEST_REPL_DATABASE=jmjob_repl
  JMJOB_TEST_REPL_APP_USER=jmjob_app
  JMJOB_TEST_REPL_APP_PASSWORD=jmjob_app
  export JMJOB_TEST_REPL_DIR JMJOB_TEST_REPL_PRIMARY_PORT JMJOB_TEST_REPL_REPLICA_PORT \
    JMJOB_TEST_REPL_DATABASE JMJOB_TEST_REPL_APP_USER JMJOB_TEST_REPL_APP_PASSWORD
  # mariadbd refuses to run as root unless told which user to be; as root we stay root (the data
  # dirs are ours) rather than chown them to mysql.
  _jmjob_repl_as=()
  if [[ $EUID -eq 0 ]]; then _jmjob_repl_as=(--user=root); fi
}

# Root over the instance's own unix socket: works before any TCP user exists.
_jmjob_repl_sql() {
  local role=$1
  shift
  "$(_jmjob_sql_client)" --no-defaults -uroot --socket="$JMJOB_TEST_REPL_DIR/$role/mariadbd.sock" \
    --connect-timeout=2 -N -B "$@"
}

# kill -0 also succeeds for a zombie. Our servers are detached (setsid), so their parent is PID 1,
# and a lazy init (seen in container/VM sandboxes) leaves them zombies for seconds after they have
# exited; waiting for those would make every stop needlessly slow. (Field 3 of /proc/PID/stat.)
_jmjob_pid_running() {
  kill -0 "$1" 2>/dev/null && [[ $(sed 's/^.*) \(.\).*$/\1/' "/proc/$1/stat" 2>/dev/null) != Z ]]
}
_jmjob_pid_gone() { ! _jmjob_pid_running "$1"; }

# Prints the pid of the role's mariadbd if it runs: the pid file's process is alive and serves
# our data dir, so that a stale pid file whose number got reused is never killed.
_jmjob_repl_pid() {
  local pid
  pid=$(cat "$JMJOB_TEST_REPL_DIR/$1/mariadbd.pid" 2>/dev/null) && _jmjob_pid_running "$pid" &&
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *" --datadir=$JMJOB_TEST_REPL_DIR/$1/data "* ]] &&
    echo "$pid"
}

# One field of SHOW SLAVE STATUS\G ("   Field_Name: value" lines; --column-names undoes the -N of
# _jmjob_repl_sql). An unreachable replica yields an empty value.
_jmjob_repl_slave_field() {
  _jmjob_repl_sql replica --column-names -e 'SHOW SLAVE STATUS\G' 2>/dev/null | sed -n "s/^ *$1: *//p"
}

_jmjob_repl_install_db() {
  local dir="$JMJOB_TEST_REPL_DIR/$1"
  # --no-defaults: the machine's /etc/mysql configuration (datadir, port, socket) must not leak
  # into the private instance. A small redo log keeps the throw-away data dirs small. An own
  # --tmpdir per instance: two bootstraps in parallel in a shared /tmp were seen to trip over each
  # other's temporary tables ("Unknown table 'mysql.tmp_user_sys'").
  mkdir -p "$dir/tmp" &&
    mariadb-install-db --no-defaults "${_jmjob_repl_as[@]}" --auth-root-authentication-method=normal \
      --skip-test-db --datadir="$dir/data" --tmpdir="$dir/tmp" --innodb-log-file-size=16M \
      >"$dir/install-db.log" 2>&1
}

# Starts the role's mariadbd in the background; prints the pid that tells whether it still lives.
_jmjob_repl_launch() {
  local port=$2 dir="$JMJOB_TEST_REPL_DIR/$1"
  shift 2
  # setsid + redirected stdio: the server must outlive the calling script and must not hold its
  # stdout open (that would keep a `$(...)` or a CI log pipe waiting forever). -w: should setsid
  # have to fork, it stays until the server exits, so the printed pid still tells "alive or dead"
  # during start-up.
  (
    cd "$dir" || exit 1
    exec setsid -w "$(_jmjob_sbin mariadbd)" --no-defaults "${_jmjob_repl_as[@]}" \
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

# Waits until the instance answers on its socket, or fails as soon as it died.
_jmjob_repl_answers() { _jmjob_repl_sql "$1" -e 'SELECT 1' >/dev/null 2>&1; }
_jmjob_repl_settled() { _jmjob_repl_answers "$1" || _jmjob_pid_gone "$2"; }
_jmjob_repl_wait_up() {
  _jmjob_wait _jmjob_repl_settled "$1" "$2"
  _jmjob_repl_answers "$1" && return 0
  jmjob_error "$1 mariadbd exited during start-up or did not accept connections within 30s"
  return 1
}

# The replica has applied everything in the primary's binlog (all of the set-up, which reached it
# through replication itself) and the database exists there: replication proven end to end, and
# a test that starts right now sees a replica that has caught up.
_jmjob_repl_caught_up() {
  local pos
  pos=$(_jmjob_repl_sql primary -e 'SELECT @@gtid_binlog_pos') &&
    [[ $(_jmjob_repl_sql replica -e "SELECT MASTER_GTID_WAIT('$pos', 30)") == 0 ]] &&
    [[ $(_jmjob_repl_sql replica -e "SHOW DATABASES LIKE '$JMJOB_TEST_REPL_DATABASE'") == "$JMJOB_TEST_REPL_DATABASE" ]]
}

# Everything after the checks in start_replica_pair (which stops the pair if this fails).
_jmjob_repl_boot() {
  local dir=$JMJOB_TEST_REPL_DIR role pid failed="" pids=() primary_pid replica_pid host
  # Both data dirs are independent, so initialise them in parallel.
  for role in primary replica; do
    _jmjob_repl_install_db "$role" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=yes; done
  if [[ -n "$failed" ]]; then
    for role in primary replica; do
      # The cause is near the top of this log, followed by a long generic help text, so show the
      # error lines rather than the tail.
      jmjob_log "---- errors in $dir/$role/install-db.log ----"
      grep -iE 'error|fail|abort' "$dir/$role/install-db.log" | head -n 20 | sed 's/^/[jm-job]   /' >&2
    done
    jmjob_error "mariadb-install-db failed"
    return 1
  fi

  mkdir -p "$dir/primary/binlog"
  primary_pid=$(_jmjob_repl_launch primary "$JMJOB_TEST_REPL_PRIMARY_PORT" \
    --server-id=1 --log-bin="$dir/primary/binlog/mariadb-bin" --binlog-format=ROW)
  replica_pid=$(_jmjob_repl_launch replica "$JMJOB_TEST_REPL_REPLICA_PORT" \
    --server-id=2 --read-only=ON --relay-log="$dir/replica/data/relay-bin")
  _jmjob_repl_wait_up primary "$primary_pid" && _jmjob_repl_wait_up replica "$replica_pid" || return 1

  # Created on the primary after its binlog started, so it all reaches the replica through
  # replication - the replica is never written to directly. Root keeps its empty password on both
  # (install-db made root@localhost/127.0.0.1/::1), for Flyway on the primary and for tests that
  # SHUTDOWN the replica.
  local db=$JMJOB_TEST_REPL_DATABASE app=$JMJOB_TEST_REPL_APP_USER pw=$JMJOB_TEST_REPL_APP_PASSWORD
  local sql="CREATE DATABASE \`$db\`;
CREATE USER 'repl'@'%' IDENTIFIED BY 'repl';
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';"
  # The app user gets plain DML on the one database and nothing else: no SUPER / READ_ONLY ADMIN,
  # so the replica's read_only really applies to it (a user granted ALL could still write to it).
  # localhost/127.0.0.1/::1 entries besides '%', so that no anonymous or host-specific account can
  # shadow it however the client connects.
  for host in '%' localhost 127.0.0.1 ::1; do
    sql+="
CREATE USER '$app'@'$host' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$db\`.* TO '$app'@'$host';"
  done
  _jmjob_repl_sql primary -e "$sql" || { jmjob_error "setting up users/database on the primary failed"; return 1; }
  _jmjob_repl_sql replica -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1',
      MASTER_PORT=$JMJOB_TEST_REPL_PRIMARY_PORT, MASTER_USER='repl', MASTER_PASSWORD='repl',
      MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos;
    START SLAVE;" || { jmjob_error "configuring replication on the replica failed"; return 1; }
  if ! _jmjob_repl_caught_up; then
    jmjob_error "the replica did not catch up with the primary within 30s" \
      "(Slave_IO_Running=$(_jmjob_repl_slave_field Slave_IO_Running)," \
      "Slave_SQL_Running=$(_jmjob_repl_slave_field Slave_SQL_Running)," \
      "Last_IO_Error=$(_jmjob_repl_slave_field Last_IO_Error)," \
      "Last_SQL_Error=$(_jmjob_repl_slave_field Last_SQL_Error))"
    return 1
  fi
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

_jmjob_repl_binaries() { { _jmjob_sql_client && _jmjob_sbin mariadbd && command -v mariadb-install-db; } >/dev/null; }

start_replica_pair() {
  _jmjob_repl_defaults
  local dir=$JMJOB_TEST_REPL_DIR sock=/replica/mariadbd.sock started=$SECONDS role port_var log line

  if ! _jmjob_repl_binaries && ! { _jmjob_apt_install mariadb-server mariadb-client && _jmjob_repl_binaries; }; then
    jmjob_error "the replica pair needs mariadbd, mariadb-install-db and the mariadb client, which" \
      "are missing and could not be installed: 'sudo apt-get install mariadb-server mariadb-client'."
    return 1
  fi
  # Unix socket paths are limited to ~107 bytes; mariadbd's own error for that is easy to miss.
  if ((${#dir} + ${#sock} > 100)); then
    jmjob_error "JMJOB_TEST_REPL_DIR is too long for a unix socket path ($dir$sock);" \
      "set JMJOB_TEST_REPL_DIR (or TMPDIR) to a shorter directory."
    return 1
  fi
  mkdir -p "$dir" || { jmjob_error "cannot create $dir"; return 1; }
  jmjob_log "starting MariaDB primary (:$JMJOB_TEST_REPL_PRIMARY_PORT) and replica (:$JMJOB_TEST_REPL_REPLICA_PORT) in $dir"

  # Idempotent: whatever a previous run left behind goes first.
  stop_replica_pair || return 1
  for role in primary replica; do
    port_var="JMJOB_TEST_REPL_${role^^}_PORT"
    if _jmjob_tcp_open 127.0.0.1 "${!port_var}"; then
      jmjob_error "port ${!port_var} (for the $role) is in use by another process; set $port_var to a free port."
      return 1
    fi
    # From here on the logs belong to this attempt, so a failure never shows a previous run's.
    mkdir -p "$dir/$role" && : >"$dir/$role/error.log" && : >"$dir/$role/stdout.log" || return 1
  done

  if ! _jmjob_repl_boot; then
    for role in primary replica; do
      log="$dir/$role/error.log"
      if [[ -s "$log" ]]; then
        jmjob_log "---- last lines of $log ----"
        tail -n 25 "$log" | sed 's/^/[jm-job]   /' >&2
      fi
    done
    jmjob_error "replica pair did not start; stopping what was started (logs stay in $dir)"
    stop_replica_pair
    return 1
  fi

  print_replica_pair_env >"$dir/env.sh"
  jmjob_log "replica pair up and replicating after $((SECONDS - started))s:"
  while IFS= read -r line; do jmjob_log "  $line"; done <"$dir/env.sh"
}

# SIGTERM is mariadbd's clean shutdown; SIGKILL only after the bound, the data is throw-away.
# Replica first, so it does not spend its shutdown reconnecting to a primary that has just gone.
stop_replica_pair() {
  _jmjob_repl_defaults
  local dir=$JMJOB_TEST_REPL_DIR role pid rc=0 stopped=""
  for role in replica primary; do
    if pid=$(_jmjob_repl_pid "$role"); then
      jmjob_log "stopping $role (pid $pid)"
      stopped=yes
      kill -TERM "$pid" 2>/dev/null || true
      if ! _jmjob_wait _jmjob_pid_gone "$pid"; then
        jmjob_log "$role (pid $pid) ignored SIGTERM for 30s, killing it"
        kill -KILL "$pid" 2>/dev/null || true
        _jmjob_wait _jmjob_pid_gone "$pid" || { jmjob_error "could not stop $role mariadbd (pid $pid)"; rc=1; continue; }
      fi
    fi
    rm -f "$dir/$role/mariadbd.pid" "$dir/$role/mariadbd.sock"
  done
  [[ $rc -eq 0 ]] || return 1
  rm -rf "${dir:?}"/{primary,replica}/{data,binlog,tmp} "$dir/env.sh"
  if [[ -n "$stopped" ]]; then jmjob_log "replica pair stopped (logs kept in $dir)"; fi
}

# Status for humans on stderr; returns 0 if both run and replicate, 3 if neither runs (LSB "not
# running"), 1 for anything in between.
replica_pair_status() {
  _jmjob_repl_defaults
  local role pid up=0 port_var io sql
  for role in primary replica; do
    port_var="JMJOB_TEST_REPL_${role^^}_PORT"
    if pid=$(_jmjob_repl_pid "$role"); then
      jmjob_log "$role: running, pid $pid, port ${!port_var}"
      up=$((up + 1))
    else
      jmjob_log "$role: not running (port ${!port_var})"
    fi
  done
  [[ $up -gt 0 ]] || return 3
  [[ $up -eq 2 ]] || return 1
  io=$(_jmjob_repl_slave_field Slave_IO_Running)
  sql=$(_jmjob_repl_slave_field Slave_SQL_Running)
  jmjob_log "replication: Slave_IO_Running=${io:-?} Slave_SQL_Running=${sql:-?}" \
    "Seconds_Behind_Master=$(_jmjob_repl_slave_field Seconds_Behind_Master)"
  [[ "$io" == Yes && "$sql" == Yes ]] || return 1
}

# ---------------------------------------------------------------------------------------------
# One private MariaDB instance, stopped and started again on the same data
# ---------------------------------------------------------------------------------------------
#
# For the database-restart test: a server no other test uses, so stopping it mid-load harms
# nobody (never the shared 3306 one). The same flags and layout as one role of the replica pair,
# under DIR/db, with root and an empty password over TCP; unlike the pair, stop keeps the data dir,
# so a start after a stop is a restart on the same data. The caller removes DIR when done.

start_private_mariadb() {
  local JMJOB_TEST_REPL_DIR=$1 port=$2 pid sock=/db/mariadbd.sock
  _jmjob_repl_defaults
  if ! _jmjob_repl_binaries && ! { _jmjob_apt_install mariadb-server mariadb-client && _jmjob_repl_binaries; }; then
    jmjob_error "a private MariaDB needs mariadbd, mariadb-install-db and the mariadb client:" \
      "'sudo apt-get install mariadb-server mariadb-client'."
    return 1
  fi
  if ((${#JMJOB_TEST_REPL_DIR} + ${#sock} > 100)); then
    jmjob_error "$JMJOB_TEST_REPL_DIR is too long for a unix socket path; use a shorter directory."
    return 1
  fi
  if _jmjob_tcp_open 127.0.0.1 "$port"; then
    jmjob_error "port $port is in use by another process; choose a free port for the private MariaDB."
    return 1
  fi
  mkdir -p "$JMJOB_TEST_REPL_DIR/db" || return 1
  if [[ ! -d "$JMJOB_TEST_REPL_DIR/db/data/mysql" ]] && ! _jmjob_repl_install_db db; then
    jmjob_error "mariadb-install-db failed; see $JMJOB_TEST_REPL_DIR/db/install-db.log"
    return 1
  fi
  pid=$(_jmjob_repl_launch db "$port")
  if ! _jmjob_repl_wait_up db "$pid"; then
    tail -n 25 "$JMJOB_TEST_REPL_DIR/db/error.log" | sed 's/^/[jm-job]   /' >&2
    return 1
  fi
  jmjob_log "private MariaDB up on 127.0.0.1:$port (pid $pid, data in $JMJOB_TEST_REPL_DIR/db/data)"
}

# SIGTERM: mariadbd's clean shutdown, which closes every client connection, as a restart would.
stop_private_mariadb() {
  local JMJOB_TEST_REPL_DIR=$1 pid
  _jmjob_repl_defaults
  pid=$(_jmjob_repl_pid db) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! _jmjob_wait _jmjob_pid_gone "$pid"; then
    jmjob_log "private MariaDB (pid $pid) ignored SIGTERM for 30s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    _jmjob_wait _jmjob_pid_gone "$pid" || { jmjob_error "could not stop mariadbd (pid $pid)"; return 1; }
  fi
  rm -f "$JMJOB_TEST_REPL_DIR/db/mariadbd.pid" "$JMJOB_TEST_REPL_DIR/db/mariadbd.sock"
}

# ---------------------------------------------------------------------------------------------
# Private Redis Cluster and Redis Sentinel set-ups
# ---------------------------------------------------------------------------------------------
#
# For the tests that run masters on Redis Cluster and through Sentinel (a failover included): a
# cluster of three primaries without replicas, and a primary with one replica watched by one
# sentinel (quorum 1, down after 1 s). Servers of their own, never the shared 6379 one, without
# persistence, from nothing on every start. Layout under $JMJOB_TEST_REDIS_HA_DIR:
#   cluster/<port>/    redis.pid redis.log nodes.conf (the cluster's own state file)
#   sentinel/primary/ sentinel/replica/ sentinel/sentinel/   redis.pid redis.log (sentinel.conf)
#   env.sh             the exported variables while they run, for `source`
# Logs are kept after stop. Ports: cluster 7101-7103 (and their bus ports, +10000); the Sentinel
# set-up 6481 (primary), 6482 (replica), 26481 (sentinel). Clear of 6379 (shared Redis), 6391
# (chaos run), the MariaDB ports 3306/3407/3408/3427/3428 and the masters' 8080/18481/18482.

_jmjob_ha_defaults() {
  : "${JMJOB_TEST_REDIS_HA_DIR:=${TMPDIR:-/tmp}/jm-job-redis-ha}"
  : "${JMJOB_TEST_REDIS_CLUSTER_PORTS:=7101 7102 7103}"
  : "${JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT:=6481}" "${JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT:=6482}"
  : "${JMJOB_TEST_REDIS_SENTINEL_PORT:=26481}" "${JMJOB_TEST_REDIS_SENTINEL_MASTER:=mymaster}"
  export JMJOB_TEST_REDIS_HA_DIR JMJOB_TEST_REDIS_CLUSTER_PORTS JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT \
    JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT JMJOB_TEST_REDIS_SENTINEL_PORT JMJOB_TEST_REDIS_SENTINEL_MASTER
}

_jmjob_ha_cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null; }
_jmjob_ha_pong() { [[ $(_jmjob_ha_cli "$1" ping) == PONG ]]; }
_jmjob_ha_binaries() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }

# Prints the pid of the redis-server in DIR if it runs and listens on PORT (Redis puts its address
# into its process title), so that a stale pid file whose number got reused is never killed.
_jmjob_ha_pid() {
  local pid
  pid=$(cat "$1/redis.pid" 2>/dev/null) && _jmjob_pid_running "$pid" &&
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *":$2"* ]] && echo "$pid"
}

# Starts one redis-server (a sentinel with `CONF --sentinel`) in DIR on PORT, daemonized, and waits
# for PING. --dir: it chdirs there, so nothing lands in the caller's working directory.
_jmjob_ha_launch() {
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir" && : >"$dir/redis.log" || return 1
  if _jmjob_tcp_open 127.0.0.1 "$port"; then
    jmjob_error "port $port is in use by another process; set the JMJOB_TEST_REDIS_* port variables to free ports."
    return 1
  fi
  redis-server "$@" --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 || return 1
  if ! _jmjob_wait _jmjob_ha_pong "$port"; then
    jmjob_error "redis-server on port $port did not answer PING within 30s; last lines of $dir/redis.log:"
    tail -n 20 "$dir/redis.log" | sed 's/^/[jm-job]   /' >&2
    return 1
  fi
}

_jmjob_ha_stop_one() {
  local dir=$1 port=$2 pid
  pid=$(_jmjob_ha_pid "$dir" "$port") || { rm -f "$dir/redis.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  if ! _jmjob_wait _jmjob_pid_gone "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    _jmjob_wait _jmjob_pid_gone "$pid" || { jmjob_error "could not stop redis-server pid $pid (port $port)"; return 1; }
  fi
  rm -f "$dir/redis.pid"
}

_jmjob_ha_cluster_ok() {
  local port
  for port in $JMJOB_TEST_REDIS_CLUSTER_PORTS; do
    _jmjob_ha_cli "$port" cluster info | grep -q '^cluster_state:ok' || return 1
  done
}

_jmjob_ha_start_cluster() {
  local port addrs=() dir=$JMJOB_TEST_REDIS_HA_DIR/cluster
  for port in $JMJOB_TEST_REDIS_CLUSTER_PORTS; do
    # A short node timeout: a node that goes is noticed within seconds.
    _jmjob_ha_launch "$dir/$port" "$port" --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 2000 || return 1
    addrs+=("127.0.0.1:$port")
  done
  if ! redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1; then
    jmjob_error "redis-cli --cluster create failed:"
    tail -n 20 "$dir/create.log" | sed 's/^/[jm-job]   /' >&2
    return 1
  fi
  _jmjob_wait _jmjob_ha_cluster_ok || { jmjob_error "the cluster did not reach cluster_state:ok within 30s"; return 1; }
}

# The primary the sentinel names (whichever it is after failovers) has its replica online, and the
# sentinel knows that replica and sees it neither down nor disconnected: only then can it carry
# out a failover.
_jmjob_ha_sentinel_ok() {
  local port replicas
  port=$(_jmjob_ha_cli "$JMJOB_TEST_REDIS_SENTINEL_PORT" sentinel get-master-addr-by-name \
    "$JMJOB_TEST_REDIS_SENTINEL_MASTER" | sed -n 2p) && [[ -n $port ]] &&
    _jmjob_ha_cli "$port" info replication | grep -q '^slave0:.*state=online' &&
    replicas=$(_jmjob_ha_cli "$JMJOB_TEST_REDIS_SENTINEL_PORT" sentinel replicas "$JMJOB_TEST_REDIS_SENTINEL_MASTER") &&
    [[ -n $replicas && $replicas != *s_down* && $replicas != *disconnected* ]]
}

_jmjob_ha_start_sentinel() {
  local dir=$JMJOB_TEST_REDIS_HA_DIR/sentinel primary=$JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT
  local name=$JMJOB_TEST_REDIS_SENTINEL_MASTER
  _jmjob_ha_launch "$dir/primary" "$primary" || return 1
  _jmjob_ha_launch "$dir/replica" "$JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT" --replicaof 127.0.0.1 "$primary" || return 1
  # A sentinel needs a configuration file it may rewrite (it records failovers there). Down after
  # 1 s: a killed primary is replaced within a few seconds.
  mkdir -p "$dir/sentinel" && printf '%s\n' \
    "sentinel monitor $name 127.0.0.1 $primary 1" \
    "sentinel down-after-milliseconds $name 1000" \
    "sentinel failover-timeout $name 10000" \
    "sentinel parallel-syncs $name 1" >"$dir/sentinel/sentinel.conf" || return 1
  _jmjob_ha_launch "$dir/sentinel" "$JMJOB_TEST_REDIS_SENTINEL_PORT" "$dir/sentinel/sentinel.conf" --sentinel || return 1
  _jmjob_wait _jmjob_ha_sentinel_ok || {
    jmjob_error "the sentinel did not see the primary and its replica healthy within 30s"
    return 1
  }
}

# Machine-readable variables on stdout, e.g. for
#   eval "$(scripts/redis-ha.sh start)"
print_redis_ha_env() {
  _jmjob_ha_defaults
  local port name nodes=()
  for port in $JMJOB_TEST_REDIS_CLUSTER_PORTS; do nodes+=("127.0.0.1:$port"); done
  JMJOB_TEST_REDIS_CLUSTER_NODES=$(IFS=,; echo "${nodes[*]}")
  JMJOB_TEST_REDIS_SENTINEL_NODES=127.0.0.1:$JMJOB_TEST_REDIS_SENTINEL_PORT
  export JMJOB_TEST_REDIS_CLUSTER_NODES JMJOB_TEST_REDIS_SENTINEL_NODES
  for name in JMJOB_TEST_REDIS_CLUSTER_NODES JMJOB_TEST_REDIS_SENTINEL_NODES JMJOB_TEST_REDIS_SENTINEL_MASTER \
    JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done
}

start_redis_ha() {
  _jmjob_ha_defaults
  local started=$SECONDS line dir=$JMJOB_TEST_REDIS_HA_DIR
  if ! _jmjob_ha_binaries && ! { _jmjob_apt_install redis-server redis-tools && _jmjob_ha_binaries; }; then
    jmjob_error "the Redis Cluster and Sentinel tests need redis-server and redis-cli, which are missing" \
      "and could not be installed: 'sudo apt-get install redis-server redis-tools'."
    return 1
  fi
  # Idempotent: whatever a previous run left behind goes first; every start is from nothing.
  stop_redis_ha || return 1
  rm -rf "${dir:?}/cluster" "$dir/sentinel"
  jmjob_log "starting a Redis Cluster (ports ${JMJOB_TEST_REDIS_CLUSTER_PORTS}) and a Sentinel set-up" \
    "(primary $JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT, replica $JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT," \
    "sentinel $JMJOB_TEST_REDIS_SENTINEL_PORT) in $dir"
  if ! _jmjob_ha_start_cluster || ! _jmjob_ha_start_sentinel; then
    jmjob_error "Redis Cluster / Sentinel did not start; stopping what was started (logs stay in $dir)"
    stop_redis_ha
    return 1
  fi
  print_redis_ha_env >"$dir/env.sh"
  jmjob_log "Redis Cluster and Sentinel up after $((SECONDS - started))s:"
  while IFS= read -r line; do jmjob_log "  $line"; done <"$dir/env.sh"
}

# The sentinel first, so it does not start a failover while its servers go.
stop_redis_ha() {
  _jmjob_ha_defaults
  local dir=$JMJOB_TEST_REDIS_HA_DIR port rc=0
  _jmjob_ha_stop_one "$dir/sentinel/sentinel" "$JMJOB_TEST_REDIS_SENTINEL_PORT" || rc=1
  _jmjob_ha_stop_one "$dir/sentinel/replica" "$JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT" || rc=1
  _jmjob_ha_stop_one "$dir/sentinel/primary" "$JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT" || rc=1
  for port in $JMJOB_TEST_REDIS_CLUSTER_PORTS; do
    _jmjob_ha_stop_one "$dir/cluster/$port" "$port" || rc=1
  done
  rm -f "$dir/env.sh"
  return "$rc"
}

# Status for humans on stderr; 0 if everything runs, the cluster is ok and the sentinel set-up
# healthy, 3 if nothing runs, 1 for anything in between.
redis_ha_status() {
  _jmjob_ha_defaults
  local dir=$JMJOB_TEST_REDIS_HA_DIR port role up=0 total=0 primary
  for port in $JMJOB_TEST_REDIS_CLUSTER_PORTS; do
    total=$((total + 1))
    _jmjob_ha_pid "$dir/cluster/$port" "$port" >/dev/null && up=$((up + 1))
  done
  for role in primary replica sentinel; do
    case $role in
      primary) port=$JMJOB_TEST_REDIS_SENTINEL_PRIMARY_PORT ;;
      replica) port=$JMJOB_TEST_REDIS_SENTINEL_REPLICA_PORT ;;
      sentinel) port=$JMJOB_TEST_REDIS_SENTINEL_PORT ;;
    esac
    total=$((total + 1))
    _jmjob_ha_pid "$dir/sentinel/$role" "$port" >/dev/null && up=$((up + 1))
  done
  jmjob_log "$up of $total Redis servers running (in $dir)"
  [[ $up -gt 0 ]] || return 3
  if _jmjob_ha_cluster_ok; then jmjob_log "cluster: ok"; else jmjob_log "cluster: not ok"; fi
  primary=$(_jmjob_ha_cli "$JMJOB_TEST_REDIS_SENTINEL_PORT" sentinel get-master-addr-by-name \
    "$JMJOB_TEST_REDIS_SENTINEL_MASTER" | paste -sd:)
  jmjob_log "sentinel: $JMJOB_TEST_REDIS_SENTINEL_MASTER is at ${primary:-?}"
  [[ $up -eq $total ]] && _jmjob_ha_cluster_ok && _jmjob_ha_sentinel_ok
}

# ---------------------------------------------------------------------------------------------
# The developer CLIs (scripts/replica-pair.sh, scripts/redis-ha.sh)
# ---------------------------------------------------------------------------------------------
#
# _jmjob_service_cli PREFIX ACTION...: "start" runs start_PREFIX then print_PREFIX_env (export
# lines on stdout), "stop" stop_PREFIX, "status" PREFIX_status (its exit status), each with the
# same usage errors.
_jmjob_service_cli() {
  local prefix=$1 rc=0
  shift
  if [[ $# -ne 1 ]]; then
    echo "usage: $0 start|stop|status" >&2
    return 2
  fi
  case "$1" in
    start) "start_$prefix" && "print_${prefix}_env" ;;
    stop) "stop_$prefix" ;;
    status)
      "${prefix}_status" || rc=$?
      return "$rc"
      ;;
    -h | --help | help) echo "usage: $0 start|stop|status" >&2 ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      return 2
      ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# newman (the Postman collection runner) and @apidevtools/swagger-parser
# ---------------------------------------------------------------------------------------------
#
# PostmanCollectionTest calls both; they are test clients only, never part of the Maven build.
# Installed like the database servers: only as root, with the machine's npm (itself from apt when
# missing), else a clear error.
JMJOB_NEWMAN_VERSION=6.2.2
JMJOB_SWAGGER_PARSER_VERSION=10

_jmjob_has_swagger_parser() {
  command -v npm >/dev/null && NODE_PATH=$(npm root -g 2>/dev/null) \
    node -e "require('@apidevtools/swagger-parser')" >/dev/null 2>&1
}

ensure_newman() {
  if command -v newman >/dev/null && _jmjob_has_swagger_parser; then
    jmjob_log "newman $(newman --version) and @apidevtools/swagger-parser found"
    return 0
  fi
  if [[ $EUID -ne 0 ]]; then
    jmjob_error "newman and @apidevtools/swagger-parser are needed by the Postman test. Install them with" \
      "'npm install -g newman@$JMJOB_NEWMAN_VERSION @apidevtools/swagger-parser@$JMJOB_SWAGGER_PARSER_VERSION'" \
      "(Node.js 18+), or run this script as root to have it done."
    return 1
  fi
  if ! command -v npm >/dev/null; then
    _jmjob_apt_install nodejs npm || {
      jmjob_error "no npm and apt-get could not install it; install Node.js 18+ with npm."
      return 1
    }
  fi
  jmjob_log "installing newman@$JMJOB_NEWMAN_VERSION and @apidevtools/swagger-parser@$JMJOB_SWAGGER_PARSER_VERSION (npm -g)"
  npm install -g --no-fund --no-audit "newman@$JMJOB_NEWMAN_VERSION" \
    "@apidevtools/swagger-parser@$JMJOB_SWAGGER_PARSER_VERSION" >&2 || {
    jmjob_error "npm install -g newman failed (see above)."
    return 1
  }
  command -v newman >/dev/null || { jmjob_error "newman installed but not on PATH ($(npm prefix -g)/bin)."; return 1; }
}

# ---------------------------------------------------------------------------------------------
# Chromium: the browser the console's Selenium tests drive
# ---------------------------------------------------------------------------------------------

# The console's browser tests drive Debian's Chromium through its chromedriver, both at their
# Debian paths (the tests name them, so Selenium never downloads a browser or a driver of its own).
# JMJOB_CHROMIUM / JMJOB_CHROMEDRIVER point the tests elsewhere.
ensure_chromium() {
  local browser="${JMJOB_CHROMIUM:-/usr/bin/chromium}" driver="${JMJOB_CHROMEDRIVER:-/usr/bin/chromedriver}"
  if [[ -x "$browser" && -x "$driver" ]]; then
    jmjob_log "chromium and chromedriver found ($browser, $driver)"
    return 0
  fi
  _jmjob_apt_install chromium chromium-driver && [[ -x "$browser" && -x "$driver" ]] && return 0
  jmjob_error "the console's browser tests need Chromium and its driver at $browser and $driver:" \
    "install them ('sudo apt-get install chromium chromium-driver' on Debian/Ubuntu), or set" \
    "JMJOB_CHROMIUM and JMJOB_CHROMEDRIVER."
  return 1
}
