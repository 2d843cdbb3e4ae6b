#!/usr/bin/env bash
# Cluster chaos benchmark of issue 21 on the packaged jar and PostgreSQL: three bundle instances (separate JVMs), one
# standalone Artemis broker (the apache-artemis distribution from Maven Central, unpacked into target/artemis) and one
# standalone emulated org (latency 0) share one inbox; a file, queue messages and HTTP creates arrive at once; the broker
# is killed and restarted, the instance holding the bulk-results singleton is killed with SIGKILL and restarted. Prints
# the wall time, users/s and the exactly-once figures (io.provisioning.bench.ClusterChaosRun; ClusterChaosIT runs the
# default sizes and asserts).
#   bench/cluster-chaos-benchmark.sh [fileRows] [queueMessages] [httpCreates]     default 30000 3000 300
# PROVISIONING_TEST_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); schema
# it_cluster_chaos_bench, dropped first; logs under target/test-data/cluster_chaos_bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROVISIONING_TEST_DB_URL=${PROVISIONING_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
ARTEMIS_VERSION=$(sed -n 's:.*<artemis.distribution.version>\(.*\)</artemis.distribution.version>.*:\1:p' pom.xml product.xml | head -1)
mvn -B -q -DskipTests package
[[ -x target/artemis/apache-artemis-$ARTEMIS_VERSION/bin/artemis ]] || mvn -B -q -f product.xml dependency:unpack@unpack-artemis
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_OPTS:-} -Dartemis.home="target/artemis/apache-artemis-$ARTEMIS_VERSION" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.provisioning.bench.ClusterChaosRun "$@"
