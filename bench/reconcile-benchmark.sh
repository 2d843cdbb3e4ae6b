#!/usr/bin/env bash
# Reconcile benchmark (issue 17, item 6): the bundle with its embedded emulator, N Leads created in the org and
# imported (N linked users, default 10,000), 1 % of them changed in the org; prints the API calls and wall time of a
# report reconcile and of a repair reconcile (goal: <= 60 calls for 10,000 users). -Dbench.users via BENCH_OPTS.
exec "$(dirname "$0")/test-main.sh" io.provisioning.bench.ReconcileBenchmark
