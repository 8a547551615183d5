#!/usr/bin/env bash
# The project's run command: builds jm-job, then starts the master on its embedded H2 database
# (no MySQL or Redis needed) and one sample node. Ctrl-C stops both.
#   scripts/run.sh            master on :8080, sample node in group "sample"
#   JMJOB_PORT=9090 scripts/run.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${JMJOB_PORT:-8080}
cd "$root"

log() { printf '[jm-job] %s\n' "$*" >&2; }

log "building (mvn clean package, tests skipped)..."
# clean: Spring Boot's repackage leaves an already repackaged jar alone, so without it a changed
# module could be run with the old copy of another inside the sample's jar.
mvn -B -ntp -q -DskipTests clean package

master_jars=(jm-job-master/target/jm-job-master-*.jar) # the repackaged jar; the plain one ends .jar.original
master_jar=${master_jars[0]}
sample_jars=(jm-job-sample/target/jm-job-sample-*.jar) # the repackaged jar; the plain one ends .jar.original
sample_jar=${sample_jars[0]}
pids=()

stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

# The embedded demo generates its credentials at each start and writes them here for the node.
credentials=data/demo-credentials.env
rm -f "$credentials"

java -jar "$master_jar" --server.port="$port" &
pids+=($!)

# Wait for the master's port rather than a fixed time: a cold start takes a few seconds.
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { log "the master exited during start-up; see above"; exit 1; }
  sleep 0.2
done

if [[ ! -f "$credentials" ]]; then
  log "the master did not write $credentials; is jm.job.master.security configured? The sample needs the node token."
  exit 1
fi
# shellcheck disable=SC1090 # written by the master at start
source "$credentials"
JMJOB_MASTER_URL="http://localhost:$port" JM_JOB_CLIENT_TOKEN="$JM_JOB_CLIENT_TOKEN" java -jar "$sample_jar" &
pids+=($!)

log "master:  http://localhost:$port  (Swagger UI: http://localhost:$port/swagger-ui.html)"
log "sign in as $JMJOB_DEMO_USER / $JMJOB_DEMO_PASSWORD (also in $credentials: source it for the README's curl lines)"
log "a sample node is polling group 'sample'. Ctrl-C stops both."
wait -n "${pids[@]}"
