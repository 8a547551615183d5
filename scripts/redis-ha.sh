#!/usr/bin/env bash
# Developer CLI for the private Redis Cluster (three primaries) and Sentinel set-up (a primary, a
# replica, one sentinel) used by the Redis Cluster and Sentinel tests (see scripts/lib/services.sh
# for how they are built; scripts/test.sh starts and stops them itself).
#
#   scripts/redis-ha.sh start    # (re)create both from nothing; prints export lines
#   scripts/redis-ha.sh stop     # stop them, keep their logs
#   scripts/redis-ha.sh status   # exit 0 all healthy, 3 stopped, 1 anything in between
#
# `start` prints only `export NAME=value` lines on stdout (messages go to stderr), so a shell can
# pick the variables up with:
#   eval "$(scripts/redis-ha.sh start)"
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

_jmjob_service_cli redis_ha "$@"
