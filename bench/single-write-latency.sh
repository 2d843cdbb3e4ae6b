#!/usr/bin/env bash
# Single-write latency (issue 18): N sequential user creates over HTTP on the packaged bundle (embedded H2), each
# timed from its HTTP 201 to the Lead's arrival at the Salesforce emulator (its CreatedDate, ms; the emulator runs in
# its own JVM at 0 ms latency on the same machine clock). Prints p50/p95/max. 20 creates warm up first, not counted.
#   bench/single-write-latency.sh [creates]           default 200
# ROUTES_FROM=<git rev> takes routes/ from that revision (e.g. main before issue 18, to measure the 250 ms poll).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
[[ -f target/salesforce-provisioning.jar ]] || mvn -B -q -DskipTests package
WORK=target/bench-single-write
rm -rf "$WORK" && mkdir -p "$WORK" && cp -r config routes "$WORK/"
if [[ -n "${ROUTES_FROM:-}" ]]; then
  rm -rf "$WORK/routes" && mkdir -p "$WORK/routes"
  git archive "$ROUTES_FROM" routes | tar -x -C "$WORK"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP=$(free_port); ORG=$(free_port); SMTP=$(free_port); IMAP=$(free_port)
cd "$WORK"
trap 'kill ${PID:-} ${EMULATOR_PID:-} 2>/dev/null || true' EXIT
java -Xmx512m -cp ../salesforce-provisioning.jar io.provisioning.emulator.SalesforceEmulator "$ORG" "" 0 10000000 \
  > emulator.log 2>&1 &
EMULATOR_PID=$!
until curl -sf "localhost:$ORG/emulator/calls" >/dev/null; do sleep 0.3; done
# the application's external-id field, as an admin defines it (the embedded emulator does this by itself)
curl -sf -X POST -H 'Content-Type: application/json' "localhost:$ORG/emulator/schema/Lead" \
  -d '{"field":"Provisioning_Id__c","externalId":true,"length":80}' >/dev/null
java -Xmx512m -Dprovisioning.http.port="$HTTP" \
  -Dprovisioning.application.salesforce.login-url="http://127.0.0.1:$ORG" \
  -Dprovisioning.application.salesforce.client-id=provisioning-emulator \
  -Dprovisioning.application.salesforce.client-secret=emulator-secret \
  -Dprovisioning.mail.embedded.smtp-port="$SMTP" -Dprovisioning.mail.embedded.imap-port="$IMAP" \
  -Dprovisioning.api.token=bench -jar ../salesforce-provisioning.jar > bundle.log 2>&1 &
PID=$!
until curl -sf "localhost:$HTTP/health" >/dev/null; do sleep 0.5; kill -0 $PID || { tail -30 bundle.log; exit 1; }; done
python3 - "$N" "$HTTP" "$ORG" <<'PY'
import json, sys, time, urllib.request, urllib.parse, statistics
from datetime import datetime
n, http, org = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def post(url, body, headers):
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(req) as r:
        return r.status, r.read()

answered = {}
for i in range(n + 20):
    name = f"latency{i}@example.com"
    body = json.dumps({"userName": name, "email": name, "firstName": "F", "lastName": f"L{i}", "company": "Bench"})
    status, _ = post(f"http://127.0.0.1:{http}/api/users", body.encode(),
                     {"Authorization": "Bearer bench", "Content-Type": "application/json"})
    assert status == 201, status
    answered[name] = time.time()
    time.sleep(0.05)  # sequential and spaced: each create is a lone write

form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "provisioning-emulator",
                               "client_secret": "emulator-secret"}).encode()
_, token = post(f"http://127.0.0.1:{org}/services/oauth2/token", form,
                {"Content-Type": "application/x-www-form-urlencoded"})
token = json.loads(token)["access_token"]
deadline = time.time() + 60
arrived = {}
while len(arrived) < len(answered) and time.time() < deadline:
    q = urllib.parse.quote("SELECT Email, CreatedDate FROM Lead")
    req = urllib.request.Request(f"http://127.0.0.1:{org}/services/data/v56.0/query?q={q}",
                                 headers={"Authorization": f"Bearer {token}"})
    arrived = {}
    page = json.loads(urllib.request.urlopen(req).read())
    while True:
        for r in page["records"]:
            arrived[r["Email"]] = datetime.strptime(r["CreatedDate"], "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
        if page.get("done", True):
            break
        req = urllib.request.Request(f"http://127.0.0.1:{org}{page['nextRecordsUrl']}",
                                     headers={"Authorization": f"Bearer {token}"})
        page = json.loads(urllib.request.urlopen(req).read())
    time.sleep(0.5)
names = [f"latency{i}@example.com" for i in range(20, n + 20)]
# the emulator's clock has ms precision; a Lead may arrive before the client has read its 201 (clamped to 0)
lat = sorted(max(0.0, (arrived[k] - answered[k]) * 1000) for k in names if k in arrived)
q = statistics.quantiles(lat, n=100)
print(f"creates={len(names)} arrived={len(lat)} 201-to-Salesforce ms: p50={statistics.median(lat):.1f} "
      f"p95={q[94]:.1f} max={lat[-1]:.1f}")
PY
