"""gateway-bench's report: medians, ratios and goals from its results.tsv, as Markdown for docs/benchmarks.md.

Arguments: results.tsv, start time, command line, rounds, seconds, connections, warm-up, load before, load
after, cores, CPU model, JVM, ES256 verifications/s, note, "name=description" lines of the gateways.
A ratio between two gateways is the median of the ratios of each round (the rows of one round ran
minutes apart at most, so a change of the machine's load between rounds weighs on both sides alike).
"""
import csv
import statistics
import sys

(path, started, command, rounds, seconds, connections, warmup, load_before, load_after, cores, cpu_model, jvm,
 verify_rate, note, descriptions) = sys.argv[1:16]
rows = list(csv.DictReader(open(path), delimiter="\t"))
gateways = [line.split("=", 1) for line in descriptions.strip().splitlines()]
names = [name for name, _ in gateways]

series = {}
for r in rows:
    series.setdefault(r["row"], []).append(r)


def med(row, field):
    values = [float(r[field]) for r in series.get(row, [])]
    return statistics.median(values) if values else None


def paired(row_a, row_b, field):
    """Median over rounds of a/b, both measured in the same round."""
    a = {r["round"]: float(r[field]) for r in series.get(row_a, [])}
    b = {r["round"]: float(r[field]) for r in series.get(row_b, [])}
    ratios = [a[k] / b[k] for k in a if k in b and b[k] > 0]
    return (statistics.median(ratios), min(ratios), max(ratios)) if ratios else None


def p99_ms(text):
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    for unit in ("us", "ms", "s"):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * units[unit]
    return float("nan")


out = [f"### gateway-bench, {started}", ""]
if note:
    out += [note, ""]
out.append(f"Command: `{command}`.  ")
out.append(f"Machine: {cores} cores (nproc), {cpu_model}, {jvm}; load average (1 min) {load_before} before, "
           f"{load_after} after.  ")
out.append(f"Load: wrk, 2 threads, {connections} connections, {rounds} interleaved rounds of {seconds} s, every other "
           f"one in reverse order (warm-up "
           f"{warmup} s each, twice), loopback only; upstream and the auth-billing stand-in are nginx `return 200` "
           "(one worker); every gateway on the shipped JVM flags (SerialGC, 128 MiB heap), the same nginx and Redis.  ")
out.append("Gateways: " + "; ".join(f"`{n}` = {d}" for n, d in gateways) + ".")
out.append("")
out.append("| row | " + " | ".join(f"r{i + 1} req/s" for i in range(int(rounds)))
           + " | median req/s | p99 ms | gateway CPU ms/req | nginx CPU ms/req | gateway RSS MiB | non-2xx |")
out.append("|---|" + "---:|" * (int(rounds) + 6))
for row, rs in series.items():
    rps = [float(r["rps"]) for r in rs]
    gw = rs[0]["gateway"]
    cpu = f"{med(row, 'gateway_cpu_ms'):.3f}" if gw else ""
    rss = str(max(int(r["rss_mib"]) for r in rs)) if gw else ""
    p99 = statistics.median(p99_ms(r["p99"]) for r in rs)
    errors = sum(int(r["non2xx"]) for r in rs)
    out.append(f"| {row} | " + " | ".join(f"{v:.0f}" for v in rps)
               + f" | **{statistics.median(rps):.0f}** | {p99:.1f} | {cpu} | {med(row, 'nginx_cpu_ms'):.4f} | {rss} | {errors} |")
out.append("")


def fmt(ratio):
    return f"{ratio[0]:.3f} ({ratio[1]:.3f}-{ratio[2]:.3f})" if ratio else "n/a"


def verdict(value, goal, at_most):
    if value is None:
        return "n/a"
    ok = value <= goal if at_most else value >= goal
    return ("<= " if at_most else ">= ") + f"{goal}: " + ("met" if ok else "**not met**")


out.append("| measure (ratios: median of the per-round ratios, range in brackets) | value | goal |")
out.append("|---|---:|---|")
full_cpu = med("gateway full", "gateway_cpu_ms")
plain_cpu = med("gateway plain", "gateway_cpu_ms")
if "hmac" in names:
    r = paired("gateway full", "hmac full", "gateway_cpu_ms")
    out.append(f"| issue 15: gateway CPU per request, user route (JWT + tier + rate limit), ES256 / HMAC | {fmt(r)} | "
               f"{verdict(r[0] if r else None, 1.05, True)} |")
    r = paired("gateway full", "hmac full", "rps")
    out.append(f"| requests/s on the user route, ES256 / HMAC | {fmt(r)} | |")
    r = paired("gateway plain", "hmac plain", "gateway_cpu_ms")
    out.append(f"| gateway CPU per request, plain route, this tree / HMAC commit | {fmt(r)} | |")
out.append(f"| issue 16: gateway CPU per proxied request, plain route (`GET /api/billing/plans`), ms | "
           f"{'n/a' if plain_cpu is None else f'{plain_cpu:.3f}'} | {verdict(plain_cpu, 0.12, True)} |")
out.append(f"| issue 16: gateway CPU per request with JWT + tier + rate limit, ms | "
           f"{'n/a' if full_cpu is None else f'{full_cpu:.3f}'} | {verdict(full_cpu, 0.2, True)} |")
r = paired("gateway plain", "plans-direct", "rps")
out.append(f"| issue 16: `GET /api/billing/plans` through the gateway / direct (the nginx stand-in, not the real "
           f"auth-billing) | {fmt(r)} | {verdict(r[0] if r else None, 0.5, False)} |")
r = paired("gateway plain", "nginx", "rps")
out.append(f"| gateway plain route / nginx proxying the upstream, req/s (reported, not a goal) | {fmt(r)} | |")
r = paired("nginx", "direct", "rps")
out.append(f"| nginx proxying / upstream direct, req/s | {fmt(r)} | |")
nginx_proxy = (med("nginx", "nginx_cpu_ms") or 0) - (med("direct", "nginx_cpu_ms") or 0)
out.append(f"| nginx's CPU per proxied request (nginx row - direct row, its worker), ms | {nginx_proxy:.4f} | |")
if plain_cpu and nginx_proxy > 0:
    out.append(f"| gateway plain route CPU / nginx proxy CPU | {plain_cpu / nginx_proxy:.1f}x | |")
for name in names:
    if name in ("gateway", "hmac"):
        continue
    for route in ("full", "plain"):
        if f"{name} {route}" in series:
            c = paired(f"{name} {route}", f"gateway {route}", "gateway_cpu_ms")
            t = paired(f"{name} {route}", f"gateway {route}", "rps")
            out.append(f"| `{name}` / `gateway`, {route} route: CPU per request; req/s | {fmt(c)}; {fmt(t)} | |")
if any(row.endswith("Redis down") for row in series):
    for name in names:
        down = med(f"{name} full, Redis down", "gateway_cpu_ms")
        up = med(f"{name} full", "gateway_cpu_ms")
        if down and up:
            out.append(f"| `{name}`: CPU per request of the Redis bucket (full - full with Redis down), ms | "
                       f"{up - down:.3f} | |")
out.append(f"| ES256 verification in-process, one thread, no cache (a cache miss): {float(verify_rate):.0f}/s | "
           f"{1000 / float(verify_rate):.3f} ms | |")
print("\n".join(out))
