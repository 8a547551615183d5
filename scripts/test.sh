#!/usr/bin/env bash
# The project's test command (CI runs it through .ci/run):
#   scripts/test.sh [extra maven args...]
# Makes sure the shared MariaDB and Redis are up and newman and Chromium are installed, starts a
# private MariaDB primary/replica pair for the read-replica tests and a private Redis Cluster and
# Sentinel set-up for the Redis high-availability tests, installs the starter (for
# the test that builds a worker app outside the reactor), runs `mvn verify`
# with the benchmark module too, and always stops the pair and the Redis servers again. Exits with Maven's
# exit code.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

ensure_mariadb
ensure_redis
# The Redis-outage test stops and starts a redis-server of its own, even where the shared Redis
# is remote or in a container.
command -v redis-server >/dev/null || _jmjob_apt_install redis-server ||
  jmjob_log "warning: no redis-server binary; the Redis-outage test will fail"

# The Postman collection test runs newman and the OpenAPI parser (npm packages).
ensure_newman

# The console's browser tests drive Debian's Chromium and chromedriver (Selenium never downloads
# a browser here); without them those tests fail, so this fails first and says what to install.
ensure_chromium

mvn_pid=""

# Installed before the pair starts, so a half-started pair is cleaned up too.
# The EXIT trap keeps the script's exit status (Maven's, or the failing
# step's).
# shellcheck disable=SC2317 # only reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT
  stop_replica_pair || jmjob_log "warning: stopping the replica pair failed (see above)"
  stop_redis_ha || jmjob_log "warning: stopping the Redis Cluster / Sentinel servers failed (see above)"
  exit "$rc"
}

# INT/TERM: stop Maven first, then exit so the EXIT trap stops the pair.
# Maven runs in the background (see below) precisely so that a TERM sent to
# this script alone (e.g. by a CI timeout) is handled now rather than after
# Maven has finished on its own. It gets TERM, not INT: a background job of a
# non-interactive shell starts with SIGINT ignored, and the JVM keeps it so.
# shellcheck disable=SC2317 # only reached through the trap
on_signal() {
  local rc=$1 i
  if [[ -n "$mvn_pid" ]] && kill -0 "$mvn_pid" 2>/dev/null; then
    jmjob_log "interrupted: stopping mvn (pid $mvn_pid)"
    kill -TERM "$mvn_pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      kill -0 "$mvn_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$mvn_pid" 2>/dev/null || true
    wait "$mvn_pid" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# No fallback here: the replica tests need the real pair, so if it cannot
# start (no mariadbd and nothing to install it with) the run fails loudly.
if ! start_replica_pair; then
  jmjob_log "ERROR: the MariaDB replica pair is required by the test suite and could not be started."
  exit 1
fi
# The same for the Redis Cluster (three primaries) and Sentinel (primary, replica, sentinel) tests.
if ! start_redis_ha; then
  jmjob_log "ERROR: the Redis Cluster and Sentinel servers are required by the test suite and could not be started."
  exit 1
fi

# -Pbench: the benchmark module is outside the default reactor, so without it
# CI would never compile (nor format-check) it. It has no tests and its
# benchmark runs only from scripts/bench.sh, so this costs seconds.
cd "$repo_root"
# OutsideWorkerAppTest builds a worker app outside the reactor with `mvn -o` against the installed
# starter, as a user would after `mvn install`: put the starter and what it needs (parent, common)
# into the local repository first. Tests and the format check run in the verify below.
jmjob_log "installing the starter for the outside-worker test: mvn install -DskipTests -pl jm-job-client -am"
mvn -B -ntp -q install -DskipTests -Dspotless.check.skip=true -pl jm-job-client -am
jmjob_log "running: mvn -B -ntp -Pbench verify $*"
mvn_rc=0
mvn -B -ntp -Pbench verify "$@" &
mvn_pid=$!
wait "$mvn_pid" || mvn_rc=$?
mvn_pid=""
if [[ $mvn_rc -ne 0 ]]; then
  jmjob_log "mvn exited with $mvn_rc"
fi
exit "$mvn_rc"
