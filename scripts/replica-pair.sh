#!/usr/bin/env bash
# Developer CLI for the private MariaDB primary/replica pair used by the
# read-replica tests (see scripts/lib/services.sh for how it is built).
#
#   scripts/replica-pair.sh start    # (re)create the pair; prints export lines
#   scripts/replica-pair.sh stop     # stop it, wipe its data, keep its logs
#   scripts/replica-pair.sh status   # exit 0 running+replicating, 3 stopped, 1 degraded
#
# `start` prints only `export NAME=value` lines on stdout (messages go to
# stderr), so a shell can pick the variables up with:
#   eval "$(scripts/replica-pair.sh start)"
# The same lines are kept in $JMJOB_TEST_REPL_DIR/env.sh while it runs.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

_jmjob_service_cli replica_pair "$@"
