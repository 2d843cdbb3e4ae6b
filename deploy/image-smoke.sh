#!/usr/bin/env bash
# Proves that the container image runs (issue 21) without a registry or a Docker daemon:
#  1. a JRE base image as a tar, built from the local JDK (jlink, plus the shared libraries it needs);
#  2. the bundle's image from it with Jib: mvn -Pimage -Dimage.base=tar://…  (target/salesforce-provisioning-image.tar);
#  3. the image's layers unpacked into an OCI runtime bundle, its config (entry point, environment, working
#     directory, user) taken from the image, run with runc: read-only root file system, user 10001, /app/data and /tmp
#     as the only writable mounts (tmpfs);
#  4. GET /observe/health/live and /observe/health/ready must answer 200.
# Needs: root (runc), runc (apt-get install runc), a JDK 17 with jmods (jlink), python3, curl; Maven fetches
# jib-maven-plugin from Maven Central the first time (MVN_OPTS=-o once it is in ~/.m2).
# Usage: deploy/image-smoke.sh   (from the repository root; KEEP=1 leaves the container running)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$PWD/target/image-smoke"
ID="provisioning-smoke-$$"
JDK="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
rm -rf "$WORK"
mkdir -p "$WORK/base/rootfs/opt" "$WORK/base/rootfs/tmp" "$WORK/bundle/rootfs"

echo "== 1. base image: a JRE from $JDK"
"$JDK/bin/jlink" --add-modules ALL-MODULE-PATH --strip-debug --no-header-files --no-man-pages \
    --output "$WORK/base/rootfs/opt/java"
# the shared libraries the JRE's binaries and libraries load (glibc, zlib, …), at their own paths
find "$WORK/base/rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*' | grep -v -e "^$WORK" -e ':$' | sort -u | while read -r lib; do
        cp --parents -L "$lib" "$WORK/base/rootfs/"
    done
( cd "$WORK/base/rootfs" && tar --numeric-owner --owner=0 --group=0 -cf ../layer.tar . )
python3 - "$WORK/base" <<'PY'
import hashlib, json, os, sys
base = sys.argv[1]
digest = hashlib.sha256(open(os.path.join(base, "layer.tar"), "rb").read()).hexdigest()
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java"]},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest]}}
json.dump(config, open(os.path.join(base, "config.json"), "w"))
json.dump([{"Config": "config.json", "RepoTags": ["local/jre:17"], "Layers": ["layer.tar"]}],
          open(os.path.join(base, "manifest.json"), "w"))
PY
( cd "$WORK/base" && tar -cf ../base.tar manifest.json config.json layer.tar )

echo "== 2. the bundle's image with Jib, on that base"
mvn -B -q ${MVN_OPTS:-} -Pimage -DskipTests -Dimage.base="tar://$WORK/base.tar" package
IMAGE="$PWD/target/salesforce-provisioning-image.tar"
ls -l "$IMAGE"

echo "== 3. OCI runtime bundle from the image, run with runc"
mkdir -p "$WORK/image"
tar -xf "$IMAGE" -C "$WORK/image"
read -r HTTP SMTP IMAP BROKER < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
PY
)
python3 - "$WORK" "$HTTP" "$SMTP" "$IMAP" "$BROKER" <<'PY'
import gzip, json, os, subprocess, sys, tarfile
work, http, smtp, imap, broker = sys.argv[1:]
image = os.path.join(work, "image")
def blob(digest):
    return os.path.join(image, "blobs", *digest.split(":"))
if os.path.exists(os.path.join(image, "index.json")):  # OCI layout
    index = json.load(open(os.path.join(image, "index.json")))
    manifest = json.load(open(blob(index["manifests"][0]["digest"])))
    config = json.load(open(blob(manifest["config"]["digest"])))
    layers = [blob(layer["digest"]) for layer in manifest["layers"]]
else:  # docker save layout
    entry = json.load(open(os.path.join(image, "manifest.json")))[0]
    config = json.load(open(os.path.join(image, entry["Config"])))
    layers = [os.path.join(image, layer) for layer in entry["Layers"]]
rootfs = os.path.join(work, "bundle", "rootfs")
for layer in layers:  # in order; this image has no whiteouts
    subprocess.run(["tar", "--warning=no-unknown-keyword", "-xf", layer, "-C", rootfs], check=True)
c = config["config"]
print("image config: user", c.get("User"), "workdir", c.get("WorkingDir"), "ports", list(c.get("ExposedPorts", {})),
      "volumes", list(c.get("Volumes", {})), "entrypoint", c.get("Entrypoint"), "layers", len(layers))
assert c.get("User") == "10001:10001", c.get("User")
uid, gid = (int(x) for x in c["User"].split(":"))
env = c.get("Env", []) + [
    "PROVISIONING_HTTP_HOST=127.0.0.1", "PROVISIONING_HTTP_PORT=" + http,
    "PROVISIONING_MAIL_EMBEDDED_SMTP_PORT=" + smtp, "PROVISIONING_MAIL_EMBEDDED_IMAP_PORT=" + imap,
    "PROVISIONING_BROKER_PORT=" + broker, "PROVISIONING_SALESFORCE_EMULATOR_PORT=0",
    "JAVA_TOOL_OPTIONS=-Xmx384m"]
spec = json.loads(subprocess.run(["runc", "spec", "--bundle", os.path.join(work, "bundle")], check=True,
                                 capture_output=True, text=True).stdout or "null") or \
       json.load(open(os.path.join(work, "bundle", "config.json")))
spec["process"].update({"terminal": False, "user": {"uid": uid, "gid": gid}, "env": env,
                        "cwd": c.get("WorkingDir", "/"),
                        "args": (c.get("Entrypoint") or []) + (c.get("Cmd") or [])})
spec["root"] = {"path": "rootfs", "readonly": True}
# the image's volumes: the only writable places
for volume in c.get("Volumes", {}):
    spec["mounts"].append({"destination": volume, "type": "tmpfs", "source": "tmpfs",
                           "options": ["nosuid", "nodev", "mode=700", "uid=%d" % uid, "gid=%d" % gid, "size=512m"]})
# host network (ports above are free ones), so curl reaches it
spec["linux"]["namespaces"] = [n for n in spec["linux"]["namespaces"] if n["type"] != "network"]
json.dump(spec, open(os.path.join(work, "bundle", "config.json"), "w"), indent=1)
PY
runc run --bundle "$WORK/bundle" "$ID" > "$WORK/container.log" 2>&1 &
RUNC=$!
cleanup() {
    if [ -z "${KEEP:-}" ]; then
        runc kill "$ID" KILL 2>/dev/null || true
        sleep 1
        runc delete -f "$ID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

echo "== 4. probes on http://127.0.0.1:$HTTP"
live=000
for _ in $(seq 1 180); do
    live=$(curl -s -o "$WORK/live.json" -w '%{http_code}' "http://127.0.0.1:$HTTP/observe/health/live" || true)
    [ "$live" = 200 ] && break
    if ! kill -0 "$RUNC" 2> /dev/null; then
        echo "the container stopped:"; tail -40 "$WORK/container.log"; exit 1
    fi
    sleep 1
done
ready=$(curl -s -o "$WORK/ready.json" -w '%{http_code}' "http://127.0.0.1:$HTTP/observe/health/ready" || true)
echo "live: $live $(cat "$WORK/live.json" 2>/dev/null)"
echo "ready: $ready $(cat "$WORK/ready.json" 2>/dev/null)"
echo "process (host view):"; runc ps "$ID" 2>/dev/null | head -3
if [ "$live" != 200 ] || [ "$ready" != 200 ]; then
    tail -40 "$WORK/container.log"
    exit 1
fi
echo "image runs: read-only root, user 10001, writable only /app/data and /tmp"
