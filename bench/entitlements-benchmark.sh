#!/usr/bin/env bash
# Entitlements benchmark (issue 20): the bundle with its embedded emulator and one User application; N Users (default
# 10,000) made in the org and imported, then a bulk file gives each of them 3 permission sets. Prints that file's API
# calls, all beyond the user writes (goal: <= 160 for 10,000 users).
# -Dbench.users via BENCH_OPTS.
exec "$(dirname "$0")/test-main.sh" io.provisioning.bench.EntitlementsBenchmark
