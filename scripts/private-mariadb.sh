#!/usr/bin/env bash
# A private MariaDB instance that a test stops and starts again on the same data (the
# database-restart test runs it; see scripts/lib/services.sh):
#
#   scripts/private-mariadb.sh start DIR PORT   # creates DIR/db/data on first start, then serves it
#   scripts/private-mariadb.sh stop DIR         # clean shutdown (SIGTERM); the data stays
#
# root with an empty password over TCP on 127.0.0.1:PORT. Removing DIR is the caller's job.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

case "${1:-} $#" in
  "start 3") start_private_mariadb "$2" "$3" ;;
  "stop 2") stop_private_mariadb "$2" ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
