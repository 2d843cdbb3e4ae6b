#!/usr/bin/env bash
# Report query benchmark on PostgreSQL: loads 1,000,000 report rows (once, into schema bench_reports) and prints the
# median and p95 over 50 runs of (a) identifier + application + 7-day span and (b) the unfiltered 24-hour first page.
# PROVISIONING_BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); -Dbench.rows / -Dbench.runs
# via BENCH_OPTS. Reload: psql -c 'DROP SCHEMA bench_reports CASCADE'.
exec "$(dirname "$0")/test-main.sh" io.provisioning.bench.ReportsBenchmark
