#!/usr/bin/env bash
# Console user list benchmark: starts the bundle, loads 100,000 users (each with a Lead link) and prints the median,
# p95 and max latency of GET /api/users pages as the console's Users screen asks for them (first, middle, last page,
# searches, the onboarding filter). Goal: ≤ 200 ms a page. H2 (PostgreSQL mode) by default; on PostgreSQL:
# BENCH_OPTS=-Dprovisioning.test.db=postgres PROVISIONING_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres
# Other knobs via BENCH_OPTS: -Dbench.users, -Dbench.runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run: the emulator module resolves to its compiled classes
mvn -B -q -o -pl :salesforce-provisioning -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.provisioning.bench.ConsoleBenchmark
