package com.saasgate.devsupport.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code scripts/bench/login-bench}, and the Argon2id settings (the same variables
 * the services read, with the same defaults).
 */
record BenchOptions(String gatewayUrl, String authBillingUrl, Path mailbox, int users, int threads, int rounds,
		Duration measure, Duration warmup, Path report, Argon2Settings argon2, String name, Path baselineJars,
		String baselineName, Duration profile, boolean refreshOnly, Path jars, List<String> baselineJavaOptions) {

	/** Argon2id cost as auth-billing configures it. */
	record Argon2Settings(int memoryKib, int iterations, int parallelism) {

		static Argon2Settings fromEnvironment() {
			return new Argon2Settings(number("PASSWORD_ARGON2_MEMORY_KIB", 19456), number("PASSWORD_ARGON2_ITERATIONS", 2),
					number("PASSWORD_ARGON2_PARALLELISM", 1));
		}

		private static int number(String variable, int otherwise) {
			String value = System.getenv(variable);
			return (value != null && !value.isBlank()) ? Integer.parseInt(value.strip()) : otherwise;
		}

	}

	static final String USAGE = """
			scripts/bench/login-bench [options]
			  --users N          users registered and verified first (default 16)
			  --threads N        load threads (default: twice the number of cores)
			  --rounds N         measuring rounds; medians are reported (default 5)
			  --seconds N        length of each measurement (default 4)
			  --warmup N         warm-up seconds before the first round of each measure (default 20)
			  --report FILE      markdown file the results are appended to (default docs/benchmarks.md)
			  --no-report        print only
			  --gateway-url URL  use a running suite instead of starting one; its verification mails are read
			                     from --mailbox DIR (default .dev/mail, where scripts/dev puts them);
			                     --auth-billing-url URL adds the direct refresh measure for it
			  --jars DIR         this build's auth-billing-*.jar and gateway-*.jar from DIR instead of */target
			  --name TEXT        what this build is called in the report (default "this build")
			  --baseline-jars DIR  also start a second suite from DIR/auth-billing-*.jar and DIR/gateway-*.jar
			                     (e.g. an older commit built elsewhere) and measure its refreshes in the same
			                     rounds; --baseline-name TEXT names it (default "baseline")
			  --baseline-java-options "OPTS"  JVM options for the baseline suite's services (after the shipped
			                     ones): with --baseline-jars DIR of this build, an A/B of a JVM option
			  --refresh-only     only the refresh measures (an A/B of the refresh path: quicker)
			  --profile N        after the warm-up, record N seconds of refreshes through the gateway with JFR
			                     in auth-billing and the gateway (jcmd JFR.start; .dev/bench/refresh-SERVICE-*.jfr)
			Argon2id settings: PASSWORD_ARGON2_MEMORY_KIB, _ITERATIONS, _PARALLELISM (as the services read them).
			""";

	static BenchOptions parse(String... args) {
		Map<String, String> given = BenchArguments.parse(args, Set.of("--no-report", "--refresh-only"), USAGE);
		// Twice the cores: a login also waits on PostgreSQL and Redis, so with one request in flight per
		// core the cores idle between hashes and the bench measures latency, not capacity.
		int cores = Runtime.getRuntime().availableProcessors();
		return new BenchOptions(given.get("--gateway-url"), given.get("--auth-billing-url"),
				Path.of(given.getOrDefault("--mailbox", ".dev/mail")), count(given, "--users", 16),
				count(given, "--threads", 2 * cores), count(given, "--rounds", 5),
				Duration.ofSeconds(count(given, "--seconds", 4)), Duration.ofSeconds(count(given, "--warmup", 20)),
				given.containsKey("--no-report") ? null : Path.of(given.getOrDefault("--report", "docs/benchmarks.md")),
				Argon2Settings.fromEnvironment(), given.getOrDefault("--name", "this build"),
				given.containsKey("--baseline-jars") ? Path.of(given.get("--baseline-jars")) : null,
				given.getOrDefault("--baseline-name", "baseline"),
				Duration.ofSeconds(given.containsKey("--profile") ? count(given, "--profile", 0) : 0),
				given.containsKey("--refresh-only"), given.containsKey("--jars") ? Path.of(given.get("--jars")) : null,
				List.of(given.getOrDefault("--baseline-java-options", "").strip().split("\\s+")).stream()
					.filter((option) -> !option.isEmpty())
					.toList());
	}

	private static int count(Map<String, String> given, String name, int otherwise) {
		int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(otherwise)));
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1");
		}
		return value;
	}

}
