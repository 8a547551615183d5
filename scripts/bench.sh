#!/usr/bin/env bash
# The benchmark: jm-job vs db-scheduler vs what plain JDBC allows, on the same MariaDB.
#   scripts/bench.sh                         the documented run (20,000 executions, 3 repetitions, ~15 min)
#   scripts/bench.sh --tasks=2000 --warmup=2000 --warmup-max-rounds=1 --repetitions=1 --latency-samples=50 --report=/tmp/quick.md   a quick look
#   scripts/bench.sh --only=jm-job --jfr=true   jm-job only, with flight recordings in jm-job-bench/target/bench
#   scripts/bench.sh --only=multi            two masters + Redis: idle cost of 20 nodes vs a plain polling loop,
#                                            dispatch latency across masters (~5 min; needs Redis, flushes its database 14)
#   scripts/bench.sh --only=shards           20,000 one-shot tasks against 2 tasks of 10,000 shards, in turn, same run
#   scripts/bench.sh --only=broadcast        a broadcast task fired 200 times to 20 nodes: trigger to last handler start
#   scripts/bench.sh --only=observability    throughput with metrics and run logs off, metrics on, both on, side by side
#   scripts/bench.sh --only=console          the console's task list pages over 100,000 tasks: p50/p99 per page
#   scripts/bench.sh --only=many-nodes       one master holding 2,000 idle long-polling simulated nodes: API p99 with
#                                            HTTP Basic, wake-up to claim, master heap and threads (~5 min)
# Builds the master and the benchmark module (Maven profile `bench`; scripts/test.sh builds it too),
# makes sure MariaDB is reachable (JMJOB_TEST_DB_HOST/PORT/USER/PASSWORD, as for the tests), runs
# the benchmark, prints its tables and writes them into docs/benchmarks.md. Databases it uses and
# drops: jmjob_bench, dbsched_bench, jdbclimit_bench. Options: see BenchOptions.java.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
# shellcheck source=scripts/lib/services.sh
source "$script_dir/lib/services.sh"

ensure_mariadb
extra=()
if [[ " $* " == *" --only=multi "* ]]; then
  # The two-master scenario also needs Redis (JMJOB_TEST_REDIS_HOST/PORT, as for the tests).
  ensure_redis
  extra+=("--redis=${JMJOB_TEST_REDIS_HOST}:${JMJOB_TEST_REDIS_PORT}")
fi

cd "$root"
jmjob_log "building the master and the benchmark (mvn package -Pbench, tests skipped)..."
# clean: a repackaged jar is left as it is, so a stale module could ride along inside it.
mvn -B -ntp -q -Pbench -pl jm-job-master,jm-job-bench -am clean package -DskipTests

master_jars=(jm-job-master/target/jm-job-master-*.jar) # the repackaged jar; the plain one ends .jar.original
master_jar=${master_jars[0]}
db="${JMJOB_TEST_DB_HOST}:${JMJOB_TEST_DB_PORT}"
jmjob_log "running the benchmark against MariaDB at $db"
exec java -Xmx1g -cp "jm-job-bench/target/classes:jm-job-bench/target/lib/*" com.jm.job.bench.BenchMain \
  --master-jar="$master_jar" --db="$db" --db-user="$JMJOB_TEST_DB_USER" --db-password="$JMJOB_TEST_DB_PASSWORD" ${extra[@]+"${extra[@]}"} "$@"
