#!/usr/bin/env bash
# Builds the base of the services' images without a registry: a root file system holding a jlink'ed
# Java runtime (from the build's own JDK, or IMAGE_JDK) with its CDS archive, the few glibc libraries it links against, /tmp and a
# non-root user and a health-check class, laid out for Jib's extraDirectories on top of `scratch` (pom.xml, profile `image`).
# Why: Jib pulls its base image from a registry, and the build machines reach none. Jib's `tar://`
# base would need an image tarball made elsewhere, `docker://` a daemon; this needs only the JDK.
#
#   ops/image/jre-rootfs.sh OUT_DIR     (skips the work when OUT_DIR was made by this same script and JDK)
#
# The runtime comes from IMAGE_JDK when set (a JDK 17 or newer, e.g. /usr/lib/jvm/temurin-25-jdk-amd64:
# the classes are compiled for 17 and run on any later JVM), else from the JDK that runs the build.
set -euo pipefail
out="${1:?usage: jre-rootfs.sh OUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
java_home="${IMAGE_JDK:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}"
jlink="$java_home/bin/jlink"
[[ -x "$jlink" ]] || { echo "jre-rootfs: no jlink under $java_home (set IMAGE_JDK or JAVA_HOME to a JDK 17 or newer)" >&2; exit 1; }
full_version="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
stamp="$({ cat "$here/jre-rootfs.sh" "$here/HealthCheck.java"; echo "$java_home $full_version"; } | sha256sum | cut -d' ' -f1)"
[[ "$(cat "$out/.complete" 2>/dev/null)" == "$stamp" ]] && { echo "jre-rootfs: $out is up to date ($full_version)"; exit 0; }
version="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
(( version >= 17 )) || { echo "jre-rootfs: $java_home is Java $version, the services need 17 or newer" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
# java.se covers what Spring Boot, Tomcat, Netty, HikariCP, JNA (argon2-jvm) and stripe-java load;
# jdk.crypto.* for TLS to Stripe and SMTP; jdk.management for the JVM meters; en locale data only.
compress="--compress=2"
(( version >= 21 )) && compress="--compress=zip-6"
"$jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.localedata \
	--include-locales en --strip-debug --no-header-files --no-man-pages "$compress" --output "$out/opt/java"
# The JDK's default CDS archive of its own classes (lib/server/classes.jsa), which jlink leaves out:
# without it every JDK class is parsed at start-up (slower, and more metaspace). Java 24+ also gets
# the archive for compact object headers (classes_coh.jsa), used with -XX:+UseCompactObjectHeaders.
"$out/opt/java/bin/java" -Xshare:dump -Xlog:cds=off > /dev/null
if (( version >= 24 )); then
	"$out/opt/java/bin/java" -XX:+UseCompactObjectHeaders -Xshare:dump -Xlog:cds=off > /dev/null
fi

# The runtime's own libraries link only against these (ldd of bin/java, libjvm, libjava, libnet,
# libnio, libzip, libjimage); AWT's X11 libraries are left out: the services are headless.
libs=/lib/x86_64-linux-gnu
mkdir -p "$out$libs" "$out/lib64"
for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libz.so.1 libstdc++.so.6 libgcc_s.so.1 \
	libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libnss_dns.so.2 libnss_files.so.2; do
	[[ -e "$libs/$lib" ]] && cp -L "$libs/$lib" "$out$libs/$lib"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$out/lib64/ld-linux-x86-64.so.2"

# Resolution as in any Debian image; Kubernetes and Compose mount /etc/hosts and /etc/resolv.conf.
mkdir -p "$out/etc" "$out/tmp"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
mkdir -p "$out/home/nonroot"
# Compose's health check (the image has no shell or curl): ops/image/HealthCheck.java, for Java 17+.
"$java_home/bin/javac" --release 17 -d "$out/opt/healthcheck" "$here/HealthCheck.java"
echo "$stamp" > "$out/.complete"
echo "jre-rootfs: $(du -sh "$out" | cut -f1) in $out (Java $full_version runtime from $java_home)"
