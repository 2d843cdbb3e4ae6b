#!/usr/bin/env bash
# Chaos benchmark of issue 14 (exactly once at the Salesforce boundary) on the packaged jar and PostgreSQL: N users
# created from HTTP, a file and the queue (a third each) into two applications of one emulated org in its own JVM
# (Leads with an external-id field, so creates are upserts; Contacts without, so in-doubt creates are looked up); the
# org applies then loses the answer of 5 % of calls and answers 2 % with 503 unapplied; the bundle is killed with
# SIGKILL at 20 % of the work and again after the restarted bundle did another 10 %. Prints records, duplicates, links, the report's in-doubt
# resolutions and the emulator's fault counts (io.provisioning.bench.ChaosRun; ChaosIT runs the same with 1,500).
#   bench/chaos-benchmark.sh [users]          default 10000
# PROVISIONING_TEST_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); schema it_chaos_bench,
# dropped first; logs under target/test-data/chaos_bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${1:-10000}
export PROVISIONING_TEST_DB_URL=${PROVISIONING_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.provisioning.bench.ChaosRun "$USERS"
