#!/usr/bin/env bash
# Bulk import benchmark: an N-row CSV file dropped into the inbox of the packaged bundle (embedded H2),
# until every user is in the directory and provisioned into the Salesforce emulator, whose latency is set to 150 ms a call.
# Prints wall time (and when the file was read), users/s, Salesforce API calls (Bulk API 2.0 ones apart), the Bulk jobs
# and heap figures. Above the application's bulk-api.threshold (default 10,000) the load goes through Bulk API 2.0
# ingest jobs; BULK_THRESHOLD=0 measures sObject collections instead. The emulator applies Bulk rows at BULK_RATE rows/s
# (default 10000, as its own default). 1,000,000 rows need about 90 MB for the file and a few GB for the H2 database.
# The emulator runs in its own JVM, the standalone emulator/target/salesforce-emulator.jar (EMULATOR_HEAP, default 4g),
# so that the heap figures are the bundle's alone;
# EMULATOR=embedded runs the bundle's built-in emulator in the bundle's JVM instead.
#   bench/bulk-benchmark.sh [rows] [collection-size]     e.g. 100000 200 (batched), 5000 1 (one call per user)
# The directory is the embedded H2 file, or PostgreSQL with BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres
# (schema bench_bulk, dropped first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
COLLECTION=${2:-200}
LATENCY=${LATENCY_MS:-150}
HEAP=${HEAP:-512m}
EMULATOR=${EMULATOR:-separate}
BULK_THRESHOLD=${BULK_THRESHOLD:-10000}
BULK_RATE=${BULK_RATE:-10000}
[[ -f target/salesforce-provisioning.jar && -f emulator/target/salesforce-emulator.jar ]] || mvn -B -q -DskipTests package
WORK=target/bench-bulk-$ROWS-$COLLECTION
rm -rf "$WORK" && mkdir -p "$WORK/data/inbox" && cp -r config routes "$WORK/"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP=$(free_port); ORG=$(free_port); SMTP=$(free_port); IMAP=$(free_port)

echo "generating $ROWS rows"
awk -v n="$ROWS" 'BEGIN { print "userName,email,firstName,lastName,company";
  for (i = 1; i <= n; i++) printf "bench%d@example.com,bench%d@example.com,First%d,Last%d,\"Bench, Inc.\"\n", i, i, i, i }' \
  > "$WORK/users.csv"

DB_OPTS=()
if [[ -n "${BENCH_DB_URL:-}" ]]; then
  psql "$(echo "$BENCH_DB_URL" | sed -E 's#jdbc:postgresql://([^/]+)/([^?]+)\?user=(.*)#postgresql://\3@\1/\2#')" -q -c 'DROP SCHEMA IF EXISTS bench_bulk CASCADE'
  DB_OPTS=(-Dprovisioning.db.url="$BENCH_DB_URL" -Dprovisioning.db.schema=bench_bulk)
fi
cd "$WORK"
trap 'kill ${PID:-} ${EMULATOR_PID:-} 2>/dev/null || true' EXIT
EMULATOR_OPTS=(-Dprovisioning.salesforce.emulator.port="$ORG" -Dprovisioning.salesforce.emulator.latency-ms="$LATENCY"
  -Dprovisioning.salesforce.emulator.daily-api-limit=10000000)
if [[ "$EMULATOR" == separate ]]; then
  java -Xmx"${EMULATOR_HEAP:-4g}" -Demulator.latency-ms="$LATENCY" -Demulator.daily-api-limit=10000000 \
    -jar ../../emulator/target/salesforce-emulator.jar "$ORG" > emulator.log 2>&1 &
  EMULATOR_PID=$!
  EMULATOR_OPTS=(-Dprovisioning.application.salesforce.login-url="http://127.0.0.1:$ORG"
    -Dprovisioning.application.salesforce.client-id=provisioning-emulator
    -Dprovisioning.application.salesforce.client-secret=emulator-secret)
  until curl -sf "localhost:$ORG/emulator/calls" >/dev/null; do sleep 0.3; done
  # what the bundle does for its embedded org and an admin does in Setup: the application's external-id field
  EXTERNAL_ID=$(sed -n 's/^provisioning\.application\.salesforce\.external-id-field=//p' config/application.properties)
  [[ -z "$EXTERNAL_ID" ]] || curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"field\":\"$EXTERNAL_ID\",\"externalId\":true}" "localhost:$ORG/emulator/schema/Lead" >/dev/null
  curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"recordsPerSecond\":$BULK_RATE}" \
    "localhost:$ORG/emulator/bulk" >/dev/null
fi
java -Xmx"$HEAP" -Xlog:gc:file=gc.log ${BENCH_JAVA_OPTS:-} "${DB_OPTS[@]}" \
  -Dprovisioning.http.port="$HTTP" "${EMULATOR_OPTS[@]}" \
  -Dprovisioning.mail.embedded.smtp-port="$SMTP" -Dprovisioning.mail.embedded.imap-port="$IMAP" \
  -Dprovisioning.api.token=bench -Dprovisioning.outbox.collection-size="$COLLECTION" \
  -Dprovisioning.application.salesforce.bulk-api.threshold="$BULK_THRESHOLD" \
  -jar ../salesforce-provisioning.jar > bundle.log 2>&1 &
PID=$!
until curl -sf "localhost:$HTTP/health" >/dev/null; do sleep 0.5; kill -0 $PID || { tail -30 bundle.log; exit 1; }; done
[[ "$EMULATOR" == separate ]] || grep -q "emulator at http://127.0.0.1:$ORG" bundle.log || { echo "settings not applied"; exit 1; }

START=$(date +%s.%N)
mv users.csv data/inbox/users.csv
# the job is complete once its result file is written and the completion is logged
READ_END=
until [[ -f data/inbox/done/users.csv.result.csv ]] && grep -q 'Bulk file job [0-9a-f-]* completed' bundle.log; do
  sleep 0.5
  kill -0 $PID || { tail -30 bundle.log; exit 1; }
  [[ -n "$READ_END" ]] || ! grep -q 'Bulk file users.csv: [0-9]* rows read' bundle.log || READ_END=$(date +%s.%N)
done
END=$(date +%s.%N)
# heap from the GC log (no sampling process competing for the 2 cores): largest heap before a GC pause, largest after
# one; for the live set use jmap -histo:live during a run
PEAK=$(grep -o '[0-9]*M->[0-9]*M' gc.log | awk -F'[M>-]' '{ if ($1 > b) b = $1; if ($4 > a) a = $4 } END { printf "%d %d", b, a }')
# live heap once the file is done: a class histogram forces a full collection first
LIVE=$(jcmd $PID GC.class_histogram 2>/dev/null | awk '/^Total/ { printf "%d", $3 / 1048576 }')
CALLS=$(curl -s "localhost:$ORG/emulator/calls")
JOB=$(grep -o 'Bulk file job [0-9a-f-]* completed' bundle.log | awk '{print $4}' | tail -1)
JOBVIEW=$(curl -s -H 'Authorization: Bearer bench' "localhost:$HTTP/api/jobs/$JOB")
LEADS=$(echo "$JOBVIEW" | python3 -c 'import sys,json; j=json.load(sys.stdin); print(j["provisioned"], j["provisioningFailed"])')
BULK_JOBS=$(grep -c 'Bulk API job [0-9A-Za-z]* of salesforce ended' bundle.log || true)
python3 - "$ROWS" "$START" "$END" "$PEAK" "$CALLS" "$LEADS" "$COLLECTION" "$LATENCY" "$EMULATOR" "${LIVE:-?}" \
  "${READ_END:-$END}" "$BULK_THRESHOLD" "$BULK_RATE" "$BULK_JOBS" <<'PY'
import sys, json
rows, start, end, peak, calls, leads, collection, latency, emulator, live, read_end, threshold, rate, jobs = sys.argv[1:]
before, after = peak.split()
wall = float(end) - float(start)
calls = json.loads(calls)
provisioned, failed = leads.split()
ops = calls['byOperation']
bulk = sum(n for op, n in ops.items() if op.startswith('bulk'))
print(f"rows={rows} emulator={emulator} collection-size={collection} bulk-api.threshold={threshold} bulk-rate={rate}rows/s "
      f"latency={latency}ms wall={wall:.1f}s (file read after {float(read_end) - float(start):.1f}s) users/s={int(rows)/wall:.0f} "
      f"provisioned={provisioned} failed={failed} api-calls={calls['total']} (bulk API {bulk}, bulk jobs {jobs}) by-operation={ops} "
      f"heap: largest before a GC pause {before}MiB, largest after one {after}MiB (young pauses leave old garbage), live after the run {live}MiB")
PY
