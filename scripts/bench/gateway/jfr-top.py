"""Summarises `jfr print --json --events jdk.ExecutionSample`: where a gateway's Java threads spent their samples.

Usage: python3 jfr-top.py SAMPLES.json NAME. Prints, as Markdown: the top frames (self: the method on top of
the stack), and inclusive shares (a sample counts once for every listed part found anywhere in its stack).
"""
import collections
import json
import re
import sys

path, name = sys.argv[1:3]
events = json.load(open(path))["recording"]["events"]

# Inclusive buckets: the first prefix that matches a frame's class names the part.
PARTS = [
    ("JWT: jjwt / Bouncy Castle / JCA", ("io.jsonwebtoken", "org.bouncycastle", "sun.security", "com.sun.crypto")),
    ("saasgate gateway code", ("com.saasgate",)),
    ("Caffeine", ("com.github.benmanes.caffeine",)),
    ("Lettuce (Redis)", ("io.lettuce",)),
    ("Spring Cloud Gateway", ("org.springframework.cloud.gateway",)),
    ("Spring Security", ("org.springframework.security",)),
    ("Micrometer / observation", ("io.micrometer",)),
    ("Spring WebFlux / web", ("org.springframework.web", "org.springframework.http")),
    ("Reactor core", ("reactor.core",)),
    ("Reactor Netty", ("reactor.netty",)),
    ("Netty", ("io.netty",)),
    ("Jackson", ("com.fasterxml", "tools.jackson")),
    ("logging", ("ch.qos.logback", "org.slf4j", "org.apache.logging")),
]


def class_name(frame):
    # JDK 17's jfr prints most classes with slashes, hidden ones (lambdas) with dots; a lambda counts as its
    # declaring class
    name = frame["method"]["type"]["name"].replace("/", ".")
    return re.sub(r"\$\$Lambda.*", "$$Lambda", name)


def frame_name(frame):
    return class_name(frame) + "." + frame["method"]["name"]


total = 0
self_counts = collections.Counter()
self_class = collections.Counter()
inclusive = collections.Counter()
inclusive_methods = collections.Counter()
threads = collections.Counter()
for event in events:
    values = event["values"]
    frames = (values.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    total += 1
    threads[(values.get("sampledThread") or {}).get("javaName") or "?"] += 1
    top = frame_name(frames[0])
    self_counts[top] += 1
    self_class[class_name(frames[0]).rsplit(".", 1)[0]] += 1
    seen_parts = set()
    seen_methods = set()
    for frame in frames:
        n = frame_name(frame)
        if n.startswith(("com.saasgate", "org.springframework.cloud.gateway")):
            seen_methods.add(n)
        for part, prefixes in PARTS:
            if n.startswith(prefixes):
                seen_parts.add(part)
                break
    inclusive.update(seen_parts)
    inclusive_methods.update(seen_methods)

print(f"#### JFR of `{name}`: {total} Java execution samples")
print()
print("| thread (top 5) | samples | share |")
print("|---|---:|---:|")
for thread, count in threads.most_common(5):
    print(f"| {thread} | {count} | {count / total:.1%} |")
print()
print("| top frame (self, top 25) | samples | share |")
print("|---|---:|---:|")
for frame, count in self_counts.most_common(25):
    print(f"| `{frame}` | {count} | {count / total:.1%} |")
print()
print("| package of the top frame (top 15) | samples | share |")
print("|---|---:|---:|")
for package, count in self_class.most_common(15):
    print(f"| `{package}` | {count} | {count / total:.1%} |")
print()
print("| part anywhere in the stack (inclusive; parts overlap) | samples | share |")
print("|---|---:|---:|")
for part, count in inclusive.most_common():
    print(f"| {part} | {count} | {count / total:.1%} |")
print()
print("| saasgate / SCG method anywhere in the stack (inclusive, top 30) | samples | share |")
print("|---|---:|---:|")
for method, count in inclusive_methods.most_common(30):
    print(f"| `{method}` | {count} | {count / total:.1%} |")
