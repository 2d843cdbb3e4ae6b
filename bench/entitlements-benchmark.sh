#!/usr/bin/env bash
# Entitlements benchmark (issue 20): the bundle with its embedded emulator and one User application; a bulk file of N
# users (default 10,000) is provisioned, then a second file gives each of them 3 permission sets. Prints the API calls
# of each file; the second file's calls are those beyond the user writes (goal: <= 160 for 10,000 users).
# -Dbench.users via BENCH_OPTS.
exec "$(dirname "$0")/test-main.sh" io.provisioning.bench.EntitlementsBenchmark
