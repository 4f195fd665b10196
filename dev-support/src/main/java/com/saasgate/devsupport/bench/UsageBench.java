package com.saasgate.devsupport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;


import com.saasgate.devsupport.DevSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench/usage-bench}: usage ingestion into auth-billing's ledger, in one run: (a) single
 * events ({@code POST /usage/record}, one new key each), (b) batches of 100 ({@code /usage/record/batch}),
 * (c) the same rows (event, idempotency key, counter upsert) written by plain JDBC batches of 100 in one
 * transaction each, the baseline, and (d) replays of keys already recorded, which must add no row.
 * Events per second, medians of interleaved rounds; goals: batch / single >= 5, batch / JDBC >= 0.5,
 * replay / single >= 1. Starts its own {@link DevSuite} on free ports; run from the repository root.
 *
 * <pre>scripts/bench/usage-bench [--rounds N] [--seconds N] [--threads N] [--no-report]</pre>
 */
public final class UsageBench {

	static {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "devsupport-logback.xml");
		}
	}

	private static final Logger console = LoggerFactory.getLogger("console");

	static final int BATCH = 100;

	static final int USERS = 50;

	private static final String[] TYPES = { "llm_tokens", "memory_storage", "agent_minutes" };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String secret;

	private final List<UUID> users;

	private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

	private UsageBench(String baseUrl, String secret, List<UUID> users) {
		this.baseUrl = baseUrl;
		this.secret = secret;
		this.users = users;
	}

	public static void main(String[] args) throws Exception {
		int rounds = intOption(args, "--rounds", 3);
		Duration measure = Duration.ofSeconds(intOption(args, "--seconds", 5));
		int threads = intOption(args, "--threads", 2 * Runtime.getRuntime().availableProcessors());
		boolean report = !List.of(args).contains("--no-report");
		console.info("[bench] starting the suite on free ports (service logs: .dev/bench/logs) ...");
		try (DevSuite suite = DevSuite.builder().freePorts().logDirectory(Path.of(".dev", "bench", "logs"))
			.mailbox(Path.of(".dev", "bench", "mail")).printMails(false).start();
				Connection jdbc = connect(suite.databaseUrl())) {
			List<UUID> users = insertUsers(jdbc);
			UsageBench bench = new UsageBench(suite.authBillingUrl(), suite.environment().get("SERVICE_JWT_SECRET"),
					users);
			String loadBefore = BenchReport.loadAverage();
			IntFunction<Throughput.Operation> single = (thread) -> bench::single;
			IntFunction<Throughput.Operation> batch = (thread) -> bench::batch;
			// One connection per load thread, kept across measurements and closed with the suite.
			Connection[] connections = new Connection[threads];
			IntFunction<Throughput.Operation> raw = (thread) -> {
				if (connections[thread] == null) {
					connections[thread] = connect(suite.databaseUrl());
				}
				return () -> bench.jdbcBatch(connections[thread]);
			};
			IntFunction<Throughput.Operation> replay = (thread) -> bench::replay;
			console.info("[bench] warming up ...");
			for (IntFunction<Throughput.Operation> operation : List.of(single, batch, raw)) {
				Throughput.measure(threads, measure, operation);
			}
			Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
			List.of("single", "batch", "jdbc", "replay").forEach((name) -> rates.put(name, new ArrayList<>()));
			List<String> errors = new ArrayList<>();
			long replayedRowsAdded = 0;
			for (int round = 1; round <= rounds; round++) {
				rates.get("single").add(rate(Throughput.measure(threads, measure, single), 1, errors));
				rates.get("batch").add(rate(Throughput.measure(threads, measure, batch), BATCH, errors));
				rates.get("jdbc").add(rate(Throughput.measure(threads, measure, raw), BATCH, errors));
				long before = count(jdbc);
				rates.get("replay").add(rate(Throughput.measure(threads, measure, replay), 1, errors));
				replayedRowsAdded += count(jdbc) - before;
				console.info(String.format(Locale.ROOT, "[bench] round %d/%d: single %.0f/s, batch %.0f/s, jdbc %.0f/s, replay %.0f/s",
						round, rounds, last(rates.get("single")), last(rates.get("batch")), last(rates.get("jdbc")),
						last(rates.get("replay"))));
			}
			String markdown = markdown(loadBefore, threads, rounds, measure, rates, replayedRowsAdded, errors);
			console.info(markdown);
			if (report) {
				BenchReport.append(Path.of("docs", "benchmarks.md"), markdown);
				console.info("[bench] appended to docs/benchmarks.md");
			}
		}
	}

	private String single() throws Exception {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> answer = post("/usage/record", event(key, false), key);
		if (answer.statusCode() != 201) {
			return "record: " + answer.statusCode() + " " + answer.body();
		}
		if (this.seen.size() < 200_000) {
			this.seen.add(key);
		}
		return null;
	}

	private String batch() throws Exception {
		StringBuilder body = new StringBuilder("{\"events\":[");
		for (int i = 0; i < BATCH; i++) {
			body.append((i > 0) ? "," : "").append(event(UUID.randomUUID().toString(), true));
		}
		HttpResponse<String> answer = post("/usage/record/batch", body.append("]}").toString(), null);
		return (answer.statusCode() == 200) ? null : "batch: " + answer.statusCode() + " " + answer.body();
	}

	private String replay() throws Exception {
		String key = this.seen.poll();
		if (key == null) {
			return "no recorded key left to replay";
		}
		this.seen.add(key);
		// The body must be the first one's: the user and type are derived from the key.
		HttpResponse<String> answer = post("/usage/record", event(key, false), key);
		return (answer.statusCode() == 200 && answer.body().contains("\"duplicate\":true")) ? null
				: "replay: " + answer.statusCode() + " " + answer.body();
	}

	/** The rows the ledger writes for a batch of 100 new events, by plain JDBC in one transaction. */
	private String jdbcBatch(Connection jdbc) throws Exception {
		Instant now = Instant.now();
		Timestamp periodStart = Timestamp.from(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		Timestamp periodEnd = Timestamp.from(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
			.atStartOfDay(ZoneOffset.UTC).toInstant());
		jdbc.setAutoCommit(false);
		try (PreparedStatement key = jdbc.prepareStatement("INSERT INTO usage_idempotency_keys (service, idempotency_key,"
				+ " request_hash, created_at) VALUES ('bench-jdbc', ?, ?, ?) ON CONFLICT DO NOTHING");
				PreparedStatement counter = jdbc.prepareStatement("INSERT INTO usage_counters (user_id, resource_type,"
						+ " period_start, period_end, used, updated_at) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (user_id,"
						+ " resource_type, period_start) DO UPDATE SET used = usage_counters.used + EXCLUDED.used");
				PreparedStatement event = jdbc.prepareStatement("INSERT INTO usage_events (service, user_id, resource_type,"
						+ " amount, metadata, period_start, recorded_at) VALUES ('bench-jdbc', ?, ?, 1, CAST(? AS jsonb), ?, ?)")) {
			// In counter order, as the ledger applies a batch, so concurrent batches do not deadlock.
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < BATCH; i++) {
				keys.add(UUID.randomUUID().toString());
			}
			keys.sort(java.util.Comparator.comparing((String k) -> user(k)).thenComparing(UsageBench::type));
			for (String k : keys) {
				UUID user = user(k);
				String type = type(k);
				key.setString(1, k);
				key.setBytes(2, java.security.MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8)));
				key.setTimestamp(3, Timestamp.from(now));
				key.addBatch();
				counter.setObject(1, user);
				counter.setString(2, type);
				counter.setTimestamp(3, periodStart);
				counter.setTimestamp(4, periodEnd);
				counter.setTimestamp(5, Timestamp.from(now));
				counter.addBatch();
				event.setObject(1, user);
				event.setString(2, type);
				event.setString(3, "{\"model\":\"bench\"}");
				event.setTimestamp(4, periodStart);
				event.setTimestamp(5, Timestamp.from(now));
				event.addBatch();
			}
			key.executeBatch();
			counter.executeBatch();
			event.executeBatch();
			jdbc.commit();
			return null;
		}
		catch (Exception ex) {
			jdbc.rollback();
			return "jdbc: " + ex;
		}
	}

	private String event(String key, boolean withKey) {
		return "{\"userId\":\"" + user(key) + "\",\"resourceType\":\"" + type(key) + "\",\"amount\":1,"
				+ "\"metadata\":{\"model\":\"bench\"}" + (withKey ? ",\"idempotencyKey\":\"" + key + "\"" : "") + "}";
	}

	private UUID user(String key) {
		return this.users.get(Math.floorMod(key.hashCode(), this.users.size()));
	}

	private static String type(String key) {
		return TYPES[Math.floorMod(key.hashCode() / 7, TYPES.length)];
	}

	private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Service-Token", token())
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String token() throws Exception {
		return BenchServiceToken.intelligence(this.secret);
	}

	private static List<UUID> insertUsers(Connection jdbc) throws Exception {
		List<UUID> users = new ArrayList<>();
		try (PreparedStatement insert = jdbc.prepareStatement("INSERT INTO users (id, email, password_hash,"
				+ " subscription_tier, email_verified_at) VALUES (?, ?, 'bench', 'pro', now())")) {
			for (int i = 0; i < USERS; i++) {
				UUID id = UUID.randomUUID();
				insert.setObject(1, id);
				insert.setString(2, "bench-" + id + "@example.com");
				insert.executeUpdate();
				users.add(id);
			}
		}
		return users;
	}

	private static long count(Connection jdbc) throws Exception {
		try (var statement = jdbc.createStatement();
				var rows = statement.executeQuery("SELECT count(*) FROM usage_events WHERE service = 'intelligence'")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** {@code postgresql://user:password@host:port/db} (as DevSuite hands it out) over JDBC. */
	static Connection connect(String databaseUrl) {
		try {
			URI uri = URI.create(databaseUrl);
			String[] credentials = uri.getUserInfo().split(":", 2);
			return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
					credentials[0], credentials[1]);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double rate(Throughput.Result result, int eventsPerOperation, List<String> errors) {
		if (result.firstError() != null && errors.size() < 3) {
			errors.add(result.firstError());
		}
		return result.perSecond() * eventsPerOperation;
	}

	private static String markdown(String loadBefore, int threads, int rounds, Duration measure,
			Map<String, List<Double>> rates, long replayedRowsAdded, List<String> errors) {
		Map<String, String> names = Map.of("single", "single events, `POST /usage/record`", "batch",
				"events in batches of 100, `POST /usage/record/batch`", "jdbc",
				"the same rows by plain JDBC batches of 100 (baseline)", "replay", "replays of recorded keys (duplicates)");
		StringBuilder out = new StringBuilder();
		out.append("\n### usage-bench, ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC).format(Instant.now())).append("\n\n");
		out.append("Machine: ").append(BenchReport.machine()).append("; load average (1 min) ").append(loadBefore)
			.append(" before, ").append(BenchReport.loadAverage()).append(" after.  \n");
		out.append(String.format(Locale.ROOT, "Load: %d threads, %d users, %d rounds of %d s (after one warm-up of each), "
				+ "direct to auth-billing on loopback; events of 1 unit with a small metadata object.%n%n", threads, USERS,
				rounds, measure.toSeconds()));
		out.append("| events per second |");
		for (int i = 1; i <= rounds; i++) {
			out.append(" round ").append(i).append(" |");
		}
		out.append(" median |\n|---|").append("---:|".repeat(rounds + 1)).append('\n');
		Map<String, Double> medians = new java.util.HashMap<>();
		rates.forEach((name, values) -> {
			out.append("| ").append(names.get(name)).append(" |");
			values.forEach((value) -> out.append(String.format(Locale.ROOT, " %.0f |", value)));
			double median = values.stream().sorted().skip(values.size() / 2).findFirst().orElse(0.0);
			medians.put(name, median);
			out.append(String.format(Locale.ROOT, " **%.0f** |%n", median));
		});
		out.append("\n| ratio of medians | value | goal |\n|---|---:|---|\n");
		out.append(ratio("batch / single", medians.get("batch") / medians.get("single"), 5));
		out.append(ratio("batch / JDBC", medians.get("batch") / medians.get("jdbc"), 0.5));
		out.append(ratio("replay / single", medians.get("replay") / medians.get("single"), 1));
		out.append(String.format(Locale.ROOT, "| rows added by replays | %d | 0: %s |%n", replayedRowsAdded,
				(replayedRowsAdded == 0) ? "met" : "**missed**"));
		if (!errors.isEmpty()) {
			out.append("\nFirst errors: `").append(String.join("`; `", errors).replace('\n', ' ')).append("`\n");
		}
		return out.toString();
	}

	private static String ratio(String name, double value, double goal) {
		return String.format(Locale.ROOT, "| %s | %.2f | >= %.1f: %s |%n", name, value, goal,
				(value >= goal) ? "met" : "**missed**");
	}

	private static double last(List<Double> values) {
		return values.get(values.size() - 1);
	}

	private static int intOption(String[] args, String name, int otherwise) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return otherwise;
	}

}
