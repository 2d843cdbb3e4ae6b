#!/usr/bin/env bash
# Runs a benchmark main class of the test sources (bench/*-benchmark.sh use it): compiles, builds the test
# classpath once, then `java ${BENCH_OPTS} -cp … <class>`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$@"
