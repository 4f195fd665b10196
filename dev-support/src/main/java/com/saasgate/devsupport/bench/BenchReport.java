package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/** The results of one run as markdown: the machine, every round, the medians and the two ratios. */
final class BenchReport {

	/** One measure over all rounds. */
	record Series(String name, List<Throughput.Result> rounds) {

		double median() {
			List<Double> sorted = this.rounds.stream().map(Throughput.Result::perSecond).sorted().toList();
			int middle = sorted.size() / 2;
			return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		}

		long errors() {
			return this.rounds.stream().mapToLong(Throughput.Result::errors).sum();
		}

	}

	/** A ratio of two medians and the goal it must reach (at least). */
	record Ratio(String name, double value, double goal) {
	}

	static final double P99_AT_MANY_GOAL_MILLIS = 1000;

	static final long RSS_GOAL_MIB = 600;

	private static final String HEADER = """
			# Benchmarks

			Results of `scripts/bench/*`, newest last. Every run measures its own baseline in the same invocation
			on the same machine: compare the ratios, not raw rates from different machines.

			## Results
			""";

	private BenchReport() {
	}

	/** The 1-minute load average, to show how busy the machine was besides the benchmark. */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

	/**
	 * @param setup what was measured against what (which builds, how started)
	 * @param manyInFlight the series whose p50 and worst p99 latency are reported, if measured
	 * @param rssKib resident memory per service after the run; the first two are this build's
	 */
	static String markdown(BenchOptions options, String loadBefore, String setup, List<Series> all, Series manyInFlight,
			List<Ratio> ratios, Map<String, Long> rssKib) {
		StringBuilder out = new StringBuilder();
		out.append("\n### login-bench, ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC).format(Instant.now())).append("\n\n");
		out.append("Machine: ").append(machine()).append("; load average (1 min) ").append(loadBefore)
			.append(" before, ").append(loadAverage()).append(" after.  \n");
		out.append(String.format(Locale.ROOT, "Load: %d threads, %d users, %d rounds of %d s (warm-up %d s each), "
				+ "loopback only; gateway %s.  %n", options.threads(), options.users(), options.rounds(),
				options.measure().toSeconds(), options.warmup().toSeconds(),
				(options.gatewayUrl() != null) ? "already running" : "and auth-billing started by the bench"));
		out.append("Builds: ").append(setup).append(".  \n");
		BenchOptions.Argon2Settings argon2 = options.argon2();
		out.append(options.refreshOnly() ? "Refresh measures only (`--refresh-only`).\n\n"
				: String.format(Locale.ROOT, "Argon2id: %d KiB, %d iterations, parallelism %d, salt 16 B, hash 32 B; "
						+ "the in-process baseline is the services' own native Argon2 (argon2-jvm).%n%n",
						argon2.memoryKib(), argon2.iterations(), argon2.parallelism()));
		int rounds = all.get(0).rounds().size();
		out.append("| measure (per second) |");
		for (int round = 1; round <= rounds; round++) {
			out.append(" round ").append(round).append(" |");
		}
		out.append(" median | errors |\n|---|").append("---:|".repeat(rounds + 2)).append('\n');
		for (Series series : all) {
			out.append("| ").append(series.name()).append(" | ")
				.append(series.rounds().stream().map((r) -> format(r.perSecond())).collect(Collectors.joining(" | ")))
				.append(" | **").append(format(series.median())).append("** | ").append(series.errors()).append(" |\n");
		}
		out.append("\n| ratio of medians | value | goal |\n|---|---:|---|\n");
		ratios.forEach((ratio) -> out.append(String.format(Locale.ROOT, "| %s | %.2f | >= %.2f: %s |%n", ratio.name(),
				ratio.value(), ratio.goal(), (ratio.value() >= ratio.goal()) ? "met" : "**missed**")));
		if (manyInFlight != null) {
			double p99 = manyInFlight.rounds().stream().mapToDouble(Throughput.Result::p99Millis).max().orElse(0);
			out.append(String.format(Locale.ROOT, "| p99 login at 16 in flight (worst round), ms | %.0f | < %.0f: %s |%n", p99,
					P99_AT_MANY_GOAL_MILLIS, (p99 < P99_AT_MANY_GOAL_MILLIS) ? "met" : "**missed**"));
			double p50 = manyInFlight.rounds().stream().mapToDouble(Throughput.Result::p50Millis).sorted().skip(
					manyInFlight.rounds().size() / 2).findFirst().orElse(0);
			out.append(String.format(Locale.ROOT, "| p50 login at 16 in flight (median round), ms | %.0f | |%n", p50));
		}
		if (!rssKib.isEmpty()) {
			out.append("\n| resident memory after the run (VmRSS) | MiB |\n|---|---:|\n");
			rssKib.forEach((service, kib) -> out.append("| ").append(service).append(" | ").append(kib / 1024).append(" |\n"));
			long firstTwoMib = rssKib.values().stream().limit(2).mapToLong(Long::longValue).sum() / 1024;
			out.append(String.format(Locale.ROOT, "| **both services of %s** | **%d** (goal <= %d: %s) |%n",
					options.name(), firstTwoMib, RSS_GOAL_MIB, (firstTwoMib <= RSS_GOAL_MIB) ? "met" : "**missed**"));
			if (rssKib.size() == 4) {
				out.append(String.format(Locale.ROOT, "| both services of %s | %d |%n", options.baselineName(),
						rssKib.values().stream().skip(2).mapToLong(Long::longValue).sum() / 1024));
			}
		}
		List<String> firstErrors = new ArrayList<>();
		for (Series series : all) {
			series.rounds().stream().map(Throughput.Result::firstError).filter((e) -> e != null).findFirst()
				.ifPresent((error) -> firstErrors.add(series.name() + ": `" + error.replace('`', '\'').replace('\n', ' ') + "`"));
		}
		if (!firstErrors.isEmpty()) {
			out.append("\nFirst errors: ").append(String.join("; ", firstErrors)).append('\n');
		}
		return out.toString();
	}

	/**
	 * CPU time per successful operation of each service, from {@code /proc/<pid>/stat} (medians of the
	 * rounds), and this build's against the baseline's for the refreshes: less sensitive to other load on
	 * the machine than operations per second. PostgreSQL's own CPU is not counted.
	 */
	static String cpu(Map<String, Map<String, List<Double>>> cpu, String direct, String baseDirect, String gateway,
			String baseGateway) {
		if (cpu.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder(
				"\n| CPU ms per successful operation (median of rounds; `/proc/<pid>/stat`) | auth-billing | gateway | both |\n"
						+ "|---|---:|---:|---:|\n");
		cpu.forEach((name, services) -> {
			double authBilling = medianOf(services.get("auth-billing"));
			double gatewayMs = medianOf(services.get("gateway"));
			out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", name, authBilling, gatewayMs,
					authBilling + gatewayMs));
		});
		if (baseDirect != null && cpu.containsKey(direct) && cpu.containsKey(baseDirect)) {
			out.append("\n| CPU per refresh, this build / baseline | value |\n|---|---:|\n");
			out.append(String.format(Locale.ROOT, "| auth-billing, direct | %.2f |%n",
					medianOf(cpu.get(direct).get("auth-billing")) / medianOf(cpu.get(baseDirect).get("auth-billing"))));
			if (cpu.containsKey(gateway) && cpu.containsKey(baseGateway)) {
				out.append(String.format(Locale.ROOT, "| auth-billing + gateway, via gateway | %.2f |%n",
						(medianOf(cpu.get(gateway).get("auth-billing")) + medianOf(cpu.get(gateway).get("gateway")))
								/ (medianOf(cpu.get(baseGateway).get("auth-billing"))
										+ medianOf(cpu.get(baseGateway).get("gateway")))));
			}
		}
		return out.toString();
	}

	private static double medianOf(List<Double> values) {
		if (values == null || values.isEmpty()) {
			return 0;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static void append(Path file, String markdown) throws IOException {
		if (!Files.exists(file)) {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, HEADER, StandardCharsets.UTF_8);
		}
		Files.writeString(file, markdown, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

	private static String format(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	static String machine() {
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		return String.format(Locale.ROOT, "%d cores (nproc), %s, %d GiB RAM, %s %s (%s), %s %s",
				Runtime.getRuntime().availableProcessors(), cpuModel(), Math.round(memory / (1024.0 * 1024 * 1024)),
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

}
