package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.Jdbc;
import com.saasgate.devsupport.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scripts/bench/peer-keycloak}: Keycloak's password and refresh grants against this suite's logins
 * and refreshes, on one machine, in one run, with the same wrk load ({@code -t2 -c16} by default) and
 * the same Argon2id cost. Starts the suite on free ports (its embedded PostgreSQL, Redis and mail
 * catcher), with {@code PASSWORD_ARGON2_*} set to Keycloak's default cost, registers N users through the
 * gateway; then starts Keycloak (a distribution that the script fetched and built, {@code start
 * --optimized}) on a database of its own in the same embedded PostgreSQL, creates a realm with the same
 * N users (plain passwords through the admin API: Keycloak hashes them with its default policy) and a
 * public client with direct access grants. Interleaved rounds of: Keycloak password grants, our logins
 * through the gateway, Keycloak refresh grants, our refreshes through the gateway and directly at
 * auth-billing; medians, ratios and the resident memory of Keycloak and of both services go to the
 * console and to {@code docs/benchmarks.md}. Uses only the public API of the suite, whatever it signs
 * its tokens with.
 */
public final class PeerKeycloakBench {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	/** Keycloak 26's default password policy: argon2id, 7 MiB, 5 iterations, parallelism 1. */
	private static final String HASH_CEILING = "Argon2id verifications at this cost in-process (the hash alone, native)";

	static final int KEYCLOAK_ARGON2_MEMORY_KIB = 7168;

	static final int KEYCLOAK_ARGON2_ITERATIONS = 5;

	static final int KEYCLOAK_ARGON2_PARALLELISM = 1;

	static final double REFRESH_GOAL = 2.0;

	static final double LOGIN_GOAL = 2.0;

	static final double DIRECT_REFRESH_GOAL = 0.8;

	static final String USAGE = """
			scripts/bench/peer-keycloak [options]
			  --users N          users in both (default 16)
			  --rounds N         interleaved rounds; medians are reported (default 5)
			  --seconds N        length of each wrk run (default 10)
			  --warmup N         seconds of each measure before the first round (default 90: at 30 the JITs of
			                     both sides were still compiling, and the rounds climbed)
			  --threads N        wrk -t (default 2)
			  --connections N    wrk -c (default 16)
			  --keycloak-home D  the built Keycloak distribution (the script passes it)
			  --keycloak-java D  the JAVA_HOME Keycloak runs on (the script passes it; 21 or newer)
			  --lua FILE         the wrk script (default scripts/bench/keycloak/grants.lua)
			  --report FILE      markdown file the results are appended to (default docs/benchmarks.md)
			  --no-report        print only
			""";

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private PeerKeycloakBench() {
	}

	/** The command line. */
	record Options(int users, int rounds, int seconds, int warmup, int threads, int connections, Path keycloakHome,
			Path keycloakJava, Path lua, Path report, String command) {

		static Options parse(String... args) {
			Map<String, String> given = BenchArguments.parse(args, Set.of("--no-report"), USAGE);
			if (!given.containsKey("--keycloak-home") || !given.containsKey("--keycloak-java")) {
				throw new IllegalArgumentException("--keycloak-home and --keycloak-java are required\n" + USAGE);
			}
			return new Options(count(given, "--users", 16), count(given, "--rounds", 5), count(given, "--seconds", 10),
					count(given, "--warmup", 90), count(given, "--threads", 2), count(given, "--connections", 16),
					Path.of(given.get("--keycloak-home")), Path.of(given.get("--keycloak-java")),
					Path.of(given.getOrDefault("--lua", "scripts/bench/keycloak/grants.lua")),
					given.containsKey("--no-report") ? null : Path.of(given.getOrDefault("--report", "docs/benchmarks.md")),
					command(args));
		}

		/** The command line as the user typed it: the script adds the Keycloak options itself. */
		private static String command(String... args) {
			List<String> typed = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				if (args[i].equals("--keycloak-home") || args[i].equals("--keycloak-java")) {
					i++;
				}
				else {
					typed.add(args[i]);
				}
			}
			return String.join(" ", List.of("scripts/bench/peer-keycloak", String.join(" ", typed))).strip();
		}

		private static int count(Map<String, String> given, String name, int otherwise) {
			int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(otherwise)));
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1");
			}
			return value;
		}

	}

	/** One wrk run: successful grants per second and the latency of all answers. */
	record Wrk(double perSecond, long requests, long failed, double p50Millis, double p99Millis, String firstError) {

		private static final Pattern RESULT = Pattern.compile("WRKRESULT (.*)");

		private static final Pattern ERROR = Pattern.compile("WRKERROR (.*)");

		/**
		 * From what {@code grants.lua} prints: successful grants (answers that are not non-2xx) per second
		 * of wrk's own duration; failed counts non-2xx answers and socket errors alike.
		 */
		static Wrk parse(String output) {
			Matcher matcher = RESULT.matcher(output);
			if (!matcher.find()) {
				throw new IllegalStateException("no result from wrk: " + output);
			}
			Map<String, Long> values = new HashMap<>();
			for (String pair : matcher.group(1).strip().split(" ")) {
				String[] parts = pair.split("=");
				values.put(parts[0], Long.parseLong(parts[1]));
			}
			long requests = values.get("requests");
			long failed = values.get("non2xx") + values.get("read") + values.get("write") + values.get("timeout")
					+ values.get("connect");
			long ok = Math.max(0, requests - values.get("non2xx"));
			Matcher error = ERROR.matcher(output);
			return new Wrk(ok / (values.get("duration_us") / 1e6), requests, failed, values.get("p50_us") / 1000.0,
					values.get("p99_us") / 1000.0, error.find() ? error.group(1).strip() : null);
		}

	}

	/** One measure: how to make its input file and where to send it. */
	private record Measure(String name, String kind, String flavor, String url, InputMaker input) {
	}

	@FunctionalInterface
	private interface InputMaker {

		List<String> lines() throws Exception;

	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			console.info(USAGE);
			return;
		}
		Options options = Options.parse(args);
		Path work = Path.of(".dev", "peer-keycloak");
		Files.createDirectories(work.resolve("logs"));
		String loadBefore = BenchReport.loadAverage();
		console.info("[peer] starting the suite on free ports, Argon2id at Keycloak's cost (logs: .dev/peer-keycloak/logs) ...");
		try (DevSuite suite = DevSuite.builder().freePorts().set("AUTH_REGISTER_MAX_PER_IP", "100000")
			.set("PASSWORD_ARGON2_MEMORY_KIB", Integer.toString(KEYCLOAK_ARGON2_MEMORY_KIB))
			.set("PASSWORD_ARGON2_ITERATIONS", Integer.toString(KEYCLOAK_ARGON2_ITERATIONS))
			.set("PASSWORD_ARGON2_PARALLELISM", Integer.toString(KEYCLOAK_ARGON2_PARALLELISM))
			.logDirectory(work.resolve("logs"))
			.mailbox(work.resolve("mail")).printMails(false)
			// A shared machine under load can take minutes to start a JVM; the bench measures after that.
			.startupTimeout(Duration.ofMinutes(10))
			.start()) {
			PostgresServer postgres = suite.embeddedPostgres()
				.orElseThrow(() -> new IllegalStateException("the suite's embedded PostgreSQL is needed (DATABASE_URL is set)"));
			AuthClient client = new AuthClient(suite.gatewayUrl());
			console.info(String.format("[peer] registering and verifying %d users through %s ...", options.users(),
					suite.gatewayUrl()));
			List<BenchUsers.User> users = BenchUsers.create(client, options.users(),
					BenchUsers.from(suite.mailCatcher().orElseThrow()));
			String ourHash = storedHash(suite, users.get(0));
			try (Keycloak keycloak = Keycloak.start(options, postgres, work)) {
				String credential = keycloak.createRealm(users);
				run(options, suite, keycloak, users, credential, ourHash, loadBefore, work);
			}
		}
	}

	/** The PHC string auth-billing stored for {@code user}, less its salt and hash: the cost it hashed at. */
	private static String storedHash(DevSuite suite, BenchUsers.User user) throws Exception {
		try (Connection connection = Jdbc.connect(suite.databaseUrl());
				var statement = connection.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
			statement.setString(1, user.email());
			try (var result = statement.executeQuery()) {
				if (!result.next()) {
					throw new IllegalStateException("no stored hash for " + user.email());
				}
				String hash = result.getString(1);
				int parameters = hash.indexOf("$m=");
				return (parameters < 0) ? "(unknown format)" : hash.substring(0, hash.indexOf('$', parameters + 1));
			}
		}
	}

	private static void run(Options options, DevSuite suite, Keycloak keycloak, List<BenchUsers.User> users,
			String credential, String ourHash, String loadBefore, Path work) throws Exception {
		AuthClient gateway = new AuthClient(suite.gatewayUrl());
		String ourLogin = suite.gatewayUrl() + "/api/auth/login";
		String ourRefresh = suite.gatewayUrl() + "/api/auth/refresh";
		String directRefresh = suite.authBillingUrl() + "/auth/refresh";
		String tokenEndpoint = keycloak.url() + "/realms/bench/protocol/openid-connect/token";
		InputMaker credentials = () -> users.stream().map((user) -> user.email() + "\t" + user.password()).toList();
		// Chains started by logins outside the measured time: one per connection and two spare per thread
		// (wrk takes one request from a thread before the run, to check for pipelining, and never sends it).
		int chains = options.connections() + 2 * options.threads();
		InputMaker ourChains = () -> {
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < chains; i++) {
				BenchUsers.User user = users.get(i % users.size());
				AuthClient.Answer answer = gateway.login(user.email(), user.password());
				if (answer.status() != 200) {
					throw new IllegalStateException("login for a refresh chain failed: " + answer);
				}
				tokens.add(answer.field("refreshToken"));
			}
			return tokens;
		};
		InputMaker keycloakChains = () -> {
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < chains; i++) {
				tokens.add(keycloak.passwordGrant(users.get(i % users.size())).path("refresh_token").asString());
			}
			return tokens;
		};
		List<Measure> measures = List.of(new Measure("Keycloak password grants", "login", "keycloak", tokenEndpoint, credentials),
				new Measure("our logins through the gateway", "login", "ours", ourLogin, credentials),
				new Measure("Keycloak refresh grants", "refresh", "keycloak", tokenEndpoint, keycloakChains),
				new Measure("our refreshes through the gateway", "refresh", "ours", ourRefresh, ourChains),
				new Measure("our refreshes direct to auth-billing", "refresh", "ours", directRefresh, ourChains));

		console.info(String.format("[peer] warming up (%d s each) ...", options.warmup()));
		for (Measure measure : measures) {
			Wrk warm = wrk(options, measure, options.warmup(), work);
			console.info(String.format("[peer]   %s: %.1f/s (%d failed%s)", measure.name(), warm.perSecond(), warm.failed(),
					(warm.firstError() != null) ? ", first: " + warm.firstError() : ""));
		}
		Map<Measure, List<Wrk>> results = new LinkedHashMap<>();
		measures.forEach((measure) -> results.put(measure, new ArrayList<>()));
		// The ceiling of any login at this cost on this machine: the hash alone, in-process, at wrk's parallelism.
		LoginBench.NativeHash hash = new LoginBench.NativeHash(new BenchOptions.Argon2Settings(KEYCLOAK_ARGON2_MEMORY_KIB,
				KEYCLOAK_ARGON2_ITERATIONS, KEYCLOAK_ARGON2_PARALLELISM));
		String password = users.get(0).password();
		String encoded = hash.encode(password);
		List<Double> hashRounds = new ArrayList<>();
		for (int round = 1; round <= options.rounds(); round++) {
			// Every other round in reverse order, so that neither side always runs right after the other.
			List<Measure> order = new ArrayList<>(measures);
			if (round % 2 == 0) {
				java.util.Collections.reverse(order);
			}
			for (Measure measure : order) {
				results.get(measure).add(wrk(options, measure, options.seconds(), work));
			}
			hashRounds.add(Throughput.measure(options.threads(), Duration.ofSeconds(options.seconds()),
					(thread) -> () -> hash.matches(password, encoded) ? null : "mismatch").perSecond());
			console.info(String.format("[peer] round %d/%d: %s, %s %.1f/s", round, options.rounds(),
					measures.stream().map((m) -> String.format(Locale.ROOT, "%s %.1f/s", m.name(),
							last(results.get(m)).perSecond())).collect(Collectors.joining(", ")),
					HASH_CEILING, last(hashRounds)));
		}
		Map<String, Long> rssKib = new LinkedHashMap<>(Rss.kibOf(suite.servicePids()));
		rssKib.put("Keycloak", keycloak.rssKib());
		String markdown = markdown(options, loadBefore, keycloak, credential, ourHash, measures, results, hashRounds,
				rssKib);
		console.info(markdown);
		if (options.report() != null) {
			BenchReport.append(options.report(), markdown);
			console.info("[peer] appended to " + options.report().toAbsolutePath());
		}
	}

	private static Wrk wrk(Options options, Measure measure, int seconds, Path work) throws Exception {
		Path input = work.resolve("wrk-input.txt");
		Files.write(input, measure.input().lines());
		List<String> command = List.of("wrk", "-t" + options.threads(), "-c" + options.connections(), "-d" + seconds + "s",
				"--timeout", "10s", "-s", options.lua().toAbsolutePath().toString(), measure.url(), "--", measure.kind(),
				measure.flavor(), input.toAbsolutePath().toString(), Integer.toString(options.threads()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("wrk failed: " + output);
		}
		return Wrk.parse(output);
	}

	private static String markdown(Options options, String loadBefore, Keycloak keycloak, String credential,
			String ourHash, List<Measure> measures, Map<Measure, List<Wrk>> results, List<Double> hashRounds,
			Map<String, Long> rssKib) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n### peer-keycloak, %s%n%n", java.time.format.DateTimeFormatter
			.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
			.format(java.time.Instant.now().atZone(java.time.ZoneOffset.UTC))));
		out.append("Machine: ").append(BenchReport.machine()).append("; load average (1 min) ").append(loadBefore)
			.append(" before, ").append(BenchReport.loadAverage()).append(" after.  \n");
		out.append("Command: `").append(options.command()).append("`.  \n");
		out.append(String.format(Locale.ROOT,
				"Load: wrk -t%d -c%d, %d interleaved rounds of %d s (every other round in reverse order; %d s warm-up of each"
						+ " measure first), %d users in each, loopback only.  %n",
				options.threads(), options.connections(), options.rounds(), options.seconds(), options.warmup(),
				options.users()));
		out.append(String.format(Locale.ROOT, "Keycloak %s on %s, production mode (`kc.sh build --db=postgres"
				+ " --health-enabled=true`, `start --optimized --cache=local --http-enabled=true --hostname-strict=false`:"
				+ " one node, no cluster discovery),"
				+ " its own database in the suite's embedded PostgreSQL, its default JVM options; realm `bench`, public"
				+ " client with direct access grants, default token settings (refresh tokens are not rotated:"
				+ " `revokeRefreshToken` is off). A stored credential: `%s`.  %n", keycloak.version(), keycloak.javaVersion(),
				credential));
		out.append(String.format(Locale.ROOT, "Ours: Argon2id at Keycloak's default cost (`PASSWORD_ARGON2_MEMORY_KIB=%d`,"
				+ " `_ITERATIONS=%d`, `_PARALLELISM=%d`; the shipped default is 19456 KiB, 2 iterations; a stored hash"
				+ " begins `%s`); services on the shipped JVM options (`%s`).%n%n", KEYCLOAK_ARGON2_MEMORY_KIB,
				KEYCLOAK_ARGON2_ITERATIONS, KEYCLOAK_ARGON2_PARALLELISM, ourHash,
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
		out.append("| grants per second |");
		for (int round = 1; round <= options.rounds(); round++) {
			out.append(" round ").append(round).append(" |");
		}
		out.append(" median | p99 ms (median round) | failed |\n|---|");
		out.append("---:|".repeat(options.rounds() + 3)).append('\n');
		Map<String, Double> medians = new HashMap<>();
		for (Measure measure : measures) {
			List<Wrk> rounds = results.get(measure);
			out.append("| ").append(measure.name()).append(" |");
			rounds.forEach((wrk) -> out.append(' ').append(format(wrk.perSecond())).append(" |"));
			double median = median(rounds.stream().map(Wrk::perSecond).toList());
			medians.put(measure.name(), median);
			out.append(" **").append(format(median)).append("** | ")
				.append(format(median(rounds.stream().map(Wrk::p99Millis).toList()))).append(" | ")
				.append(rounds.stream().mapToLong(Wrk::failed).sum()).append(" |\n");
		}
		double hashCeiling = median(hashRounds);
		out.append("| ").append(HASH_CEILING).append(" |");
		hashRounds.forEach((rate) -> out.append(' ').append(format(rate)).append(" |"));
		out.append(" **").append(format(hashCeiling)).append("** | | |\n");
		double keycloakLogin = medians.get(measures.get(0).name());
		double ourLogin = medians.get(measures.get(1).name());
		double keycloakRefresh = medians.get(measures.get(2).name());
		double ourRefresh = medians.get(measures.get(3).name());
		double directRefresh = medians.get(measures.get(4).name());
		List<String> errors = new ArrayList<>();
		for (Measure measure : measures) {
			results.get(measure).stream().map(Wrk::firstError).filter((e) -> e != null).findFirst()
				.ifPresent((e) -> errors.add(measure.name() + ": `" + e.replace('`', '\'') + "`"));
		}
		if (!errors.isEmpty()) {
			out.append("\nFirst failed answers: ").append(String.join("; ", errors)).append('\n');
		}
		out.append("\n| ratio of medians | value | goal |\n|---|---:|---|\n");
		out.append(ratio("our logins through the gateway / Keycloak password grants", ourLogin / keycloakLogin, LOGIN_GOAL));
		out.append(ratio("our refreshes through the gateway / Keycloak refresh grants", ourRefresh / keycloakRefresh,
				REFRESH_GOAL));
		out.append(ratio("our refreshes through the gateway / direct", ourRefresh / directRefresh, DIRECT_REFRESH_GOAL));
		out.append(String.format(Locale.ROOT, "| Keycloak password grants / the hash alone | %.2f | (reported) |%n",
				keycloakLogin / hashCeiling));
		out.append(String.format(Locale.ROOT, "| our logins through the gateway / the hash alone | %.2f | (reported) |%n",
				ourLogin / hashCeiling));
		out.append(String.format(Locale.ROOT,
				"%nNo login at this cost can outrun the hash alone, so %.1f× Keycloak is reachable only while Keycloak"
						+ " stays at or under %.2f of the hash's rate; it ran at %.2f.%n",
				LOGIN_GOAL, 1 / LOGIN_GOAL, keycloakLogin / hashCeiling));
		out.append("\n| resident memory after the run (VmRSS) | MiB |\n|---|---:|\n");
		long ours = 0;
		for (Map.Entry<String, Long> entry : rssKib.entrySet()) {
			out.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue() / 1024).append(" |\n");
			if (!entry.getKey().equals("Keycloak")) {
				ours += entry.getValue();
			}
		}
		out.append("| **both our services** | **").append(ours / 1024).append("** |\n");
		return out.toString();
	}

	private static String ratio(String name, double value, double goal) {
		return String.format(Locale.ROOT, "| %s | %.2f | >= %.1f: %s |%n", name, value, goal,
				(value >= goal) ? "met" : "**missed**");
	}

	private static String format(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static <T> T last(List<T> results) {
		return results.get(results.size() - 1);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A Keycloak server started from a built distribution, and the admin calls the bench makes. */
	static final class Keycloak implements AutoCloseable {

		private static final Duration STARTUP = Duration.ofMinutes(10);

		private final Process process;

		private final String url;

		private final String adminPassword;

		private final Path home;

		private final Path java;

		private Keycloak(Process process, String url, String adminPassword, Path home, Path java) {
			this.process = process;
			this.url = url;
			this.adminPassword = adminPassword;
			this.home = home;
			this.java = java;
		}

		static Keycloak start(Options options, PostgresServer postgres, Path work) throws Exception {
			try (Connection connection = Jdbc.connect(postgres.databaseUrl());
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS keycloak");
				statement.execute("CREATE DATABASE keycloak");
			}
			int port = freePort();
			int management = freePort();
			String adminPassword = UUID.randomUUID().toString();
			ProcessBuilder builder = new ProcessBuilder(options.keycloakHome().resolve("bin/kc.sh").toString(), "start",
					"--optimized", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
					"--http-management-port=" + management, "--hostname-strict=false",
					"--db-url=jdbc:postgresql://127.0.0.1:" + postgres.port() + "/keycloak", "--db-username=postgres",
					"--db-password=postgres")
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("logs/keycloak.log").toFile());
			builder.environment().put("JAVA_HOME", options.keycloakJava().toString());
			builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
			builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
			console.info(String.format("[peer] starting Keycloak on port %d (log: %s) ...", port, work.resolve("logs/keycloak.log")));
			long started = System.nanoTime();
			Keycloak keycloak = new Keycloak(builder.start(), "http://127.0.0.1:" + port, adminPassword,
					options.keycloakHome(), options.keycloakJava());
			String health = "http://127.0.0.1:" + management + "/health/ready";
			long deadline = started + STARTUP.toNanos();
			while (true) {
				if (!keycloak.process.isAlive()) {
					throw new IllegalStateException("Keycloak exited with " + keycloak.process.exitValue() + ": see its log");
				}
				if (System.nanoTime() > deadline) {
					keycloak.close();
					throw new IllegalStateException("Keycloak was not ready within " + STARTUP.toMinutes() + " minutes");
				}
				try {
					if (http.send(HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						break;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				TimeUnit.MILLISECONDS.sleep(500);
			}
			console.info(String.format("[peer] Keycloak ready after %.1f s", (System.nanoTime() - started) / 1e9));
			return keycloak;
		}

		String url() {
			return this.url;
		}

		/**
		 * Creates realm {@code bench}: the users (plain passwords, which Keycloak hashes with its default
		 * policy) and client {@code bench} (public, direct access grants only); the first user's stored
		 * credential data (algorithm and cost), to show what was hashed.
		 */
		String createRealm(List<BenchUsers.User> users) throws Exception {
			ObjectNode realm = json.createObjectNode().put("realm", "bench").put("enabled", true);
			ObjectNode client = realm.putArray("clients").addObject();
			client.put("clientId", "bench").put("publicClient", true).put("directAccessGrantsEnabled", true)
				.put("standardFlowEnabled", false);
			ArrayNode array = realm.putArray("users");
			for (BenchUsers.User user : users) {
				ObjectNode node = array.addObject();
				// First and last name and a verified address: without them the user profile asks for an update
				// and the password grant fails with "Account is not fully set up".
				node.put("username", user.email()).put("email", user.email()).put("emailVerified", true)
					.put("firstName", "Bench").put("lastName", "User").put("enabled", true);
				node.putArray("credentials").addObject().put("type", "password").put("value", user.password())
					.put("temporary", false);
			}
			admin("POST", "/admin/realms", realm.toString());
			JsonNode found = json.readTree(admin("GET", "/admin/realms/bench/users?exact=true&username="
					+ URLEncoder.encode(users.get(0).email(), StandardCharsets.UTF_8), null));
			JsonNode credentials = json.readTree(admin("GET", "/admin/realms/bench/users/" + found.get(0).path("id").asString()
					+ "/credentials", null));
			return credentials.get(0).path("credentialData").asString();
		}

		JsonNode passwordGrant(BenchUsers.User user) throws Exception {
			String body = "grant_type=password&client_id=bench&username=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8)
					+ "&password=" + URLEncoder.encode(user.password(), StandardCharsets.UTF_8);
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(this.url + "/realms/bench/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Keycloak password grant failed: " + response.statusCode() + " " + response.body());
			}
			return json.readTree(response.body());
		}

		private String admin(String method, String path, String body) throws Exception {
			String form = "grant_type=password&client_id=admin-cli&username=admin&password="
					+ URLEncoder.encode(this.adminPassword, StandardCharsets.UTF_8);
			HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(this.url + "/realms/master/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (token.statusCode() != 200) {
				throw new IllegalStateException("Keycloak admin token: " + token.statusCode() + " " + token.body());
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
				.timeout(Duration.ofMinutes(2))
				.header("Authorization", "Bearer " + json.readTree(token.body()).path("access_token").asString())
				.header("Content-Type", "application/json");
			request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("Keycloak " + method + " " + path + ": " + response.statusCode() + " "
						+ response.body());
			}
			return response.body();
		}

		/** Resident memory of Keycloak's process and everything it started (kc.sh execs the JVM). */
		long rssKib() {
			Map<String, Long> pids = new LinkedHashMap<>();
			pids.put("kc", this.process.pid());
			this.process.descendants().forEach((child) -> pids.put("child-" + child.pid(), child.pid()));
			return Rss.kibOf(pids).values().stream().mapToLong(Long::longValue).sum();
		}

		String version() {
			try (var files = Files.list(this.home.resolve("lib/lib/main"))) {
				return files.map((file) -> file.getFileName().toString())
					.filter((name) -> name.startsWith("org.keycloak.keycloak-core-"))
					.map((name) -> name.replace("org.keycloak.keycloak-core-", "").replace(".jar", ""))
					.findFirst()
					.orElse("(version unknown)");
			}
			catch (IOException ex) {
				return "(version unknown)";
			}
		}

		String javaVersion() {
			try {
				return Files.readAllLines(this.java.resolve("release")).stream()
					.filter((line) -> line.startsWith("JAVA_RUNTIME_VERSION=") || line.startsWith("IMPLEMENTOR="))
					.map((line) -> line.substring(line.indexOf('=') + 1).replace("\"", ""))
					.collect(Collectors.joining(" "));
			}
			catch (IOException ex) {
				return this.java.toString();
			}
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

}
