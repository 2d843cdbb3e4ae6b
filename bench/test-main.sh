#!/usr/bin/env bash
# Runs a benchmark main class of the product's test sources (bench/*-benchmark.sh use it): compiles the product and
# the emulator module it depends on, writes the product's test classpath in the same reactor run (the emulator as its
# classes folder), then `java ${BENCH_OPTS} -cp … <class>`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -pl :salesforce-provisioning -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$@"
