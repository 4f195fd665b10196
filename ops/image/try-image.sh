#!/usr/bin/env bash
# Runs an image tarball that Jib built (OCI layout) without a container engine: unpacks its layers
# into a directory and starts its entrypoint there under chroot, as the image's user, in a private
# mount and PID namespace, on the host's network. Needs root (chroot, unshare). For checking an image
# on a machine without Docker; it is not a container runtime (no cgroup limits, no network isolation).
#
#   ops/image/try-image.sh gateway/target/jib-image.tar VAR=value ...
set -euo pipefail
tarball="${1:?usage: try-image.sh IMAGE.tar [VAR=value ...]}"; shift
root="$(mktemp -d "${TMPDIR:-/tmp}/try-image.XXXXXX")"
chmod 755 "$root" && mkdir -p "$root/.oci" && tar -xf "$tarball" -C "$root/.oci"
read -r user entrypoint < <(python3 - "$root/.oci" "$root" <<'PY'
import json, sys, tarfile, shlex
oci, root = sys.argv[1], sys.argv[2]
blob = lambda digest: f"{oci}/blobs/" + digest.replace(":", "/")
index = json.load(open(f"{oci}/index.json"))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
for layer in manifest["layers"]:
    with tarfile.open(blob(layer["digest"])) as t:
        t.extractall(root, numeric_owner=True)
with open(f"{root}/.env", "w") as env:
    env.write("\n".join(config.get("Env", [])) + "\n")
print(config.get("User", "0:0"), shlex.join(config["Entrypoint"] + config.get("Cmd", []) or []))
PY
)
mkdir -p "$root/proc" "$root/etc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
mapfile -t image_env < "$root/.env"
echo "try-image: $tarball in $root as $user: $entrypoint" >&2
exec env -i "${image_env[@]}" "$@" /usr/bin/unshare --mount --pid --fork /bin/bash -c \
	'mount -t proc proc "$0/proc" && exec /usr/sbin/chroot --userspec="$1" "$0" $2' "$root" "$user" "$entrypoint"
