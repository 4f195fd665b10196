package com.saasgate.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.Jdbc;
import com.saasgate.security.servicetoken.ServiceTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault tests' load: parallel clients that record usage (directly, with a service token and an
 * {@code Idempotency-Key}, as internal services do), deliver signed Stripe webhooks through the gateway
 * and log in through the gateway, each retrying what was not answered 2xx with the same key or event id
 * (after a refusal, a lost connection or a 502/503), as a real client and Stripe do. Every exchange is
 * kept as an {@link Attempt}, and {@link #ledger} counts afterwards what the database holds of what was
 * acknowledged.
 */
final class LoadClients implements AutoCloseable {

	static final String RESOURCE = "llm_tokens";

	/** The outcome of a connection closed before any byte of an answer. */
	static final String UNANSWERED = "unanswered ";

	private final DevSuite suite;

	private final String prefix;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	private final Queue<UsageCall> recorded = new ConcurrentLinkedQueue<>();

	private final Queue<String> delivered = new ConcurrentLinkedQueue<>();

	/** Calls that ended without a 2xx: a status that is not retried, or still failing when the load ended. */
	private final Queue<String> unaccepted = new ConcurrentLinkedQueue<>();

	private volatile boolean stopping;

	/** @param prefix names this test's keys and event ids, so that its rows can be told from others' */
	LoadClients(DevSuite suite, String prefix) {
		this.suite = suite;
		this.prefix = prefix;
	}

	/** Starts {@code count} clients recording usage for {@code users} (round robin). */
	LoadClients usage(int count, List<String> users) {
		for (int i = 0; i < count; i++) {
			String user = users.get(i % users.size());
			this.clients.execute(() -> usageClient(user));
		}
		return this;
	}

	/** Starts {@code count} clients delivering webhooks through the gateway. */
	LoadClients webhooks(int count) {
		for (int i = 0; i < count; i++) {
			this.clients.execute(this::webhookClient);
		}
		return this;
	}

	/** Starts one client per account logging in through the gateway, one login after another. */
	LoadClients logins(List<Account> accounts, Api api) {
		for (Account account : accounts) {
			this.clients.execute(() -> loginClient(account, api));
		}
		return this;
	}

	List<Attempt> attempts() {
		return List.copyOf(this.attempts);
	}

	List<UsageCall> recorded() {
		return List.copyOf(this.recorded);
	}

	List<String> delivered() {
		return List.copyOf(this.delivered);
	}

	List<String> unaccepted() {
		return List.copyOf(this.unaccepted);
	}

	/** Attempts of {@code kind} started after {@code after} ({@link System#nanoTime()}) that match. */
	long answered(Kind kind, long after, Predicate<Attempt> which) {
		return this.attempts.stream()
			.filter((a) -> a.kind() == kind && a.started() > after)
			.filter(which)
			.count();
	}

	/** Stops the clients after the call each has in hand, and waits for them. */
	void stop() {
		this.stopping = true;
		this.clients.shutdown();
		await("the clients' last requests").atMost(Duration.ofSeconds(60))
			.until(() -> this.clients.awaitTermination(0, TimeUnit.SECONDS));
	}

	@Override
	public void close() {
		this.stopping = true;
		this.clients.shutdownNow();
	}

	private void usageClient(String userId) {
		while (!this.stopping) {
			String key = this.prefix + "-" + UUID.randomUUID();
			long amount = ThreadLocalRandom.current().nextLong(1, 10);
			String body = Api.JSON.writeValueAsString(Map.of("userId", userId, "resourceType", RESOURCE, "amount", amount,
					"metadata", Map.of("clientKey", key)));
			List<Attempt> call = untilAccepted(Kind.USAGE, () -> HttpRequest
				.newBuilder(URI.create(this.suite.authBillingUrl() + "/usage/record"))
				.header("Content-Type", "application/json")
				.header("X-Service-Token", serviceToken())
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (!call.isEmpty() && call.get(call.size() - 1).ok()) {
				this.recorded.add(new UsageCall(key, amount, call));
			}
			else {
				this.unaccepted.add(key + ": " + call);
			}
		}
	}

	/** Delivers fresh events, re-signing and redelivering each until 2xx, as Stripe does. */
	private void webhookClient() {
		while (!this.stopping) {
			String id = "evt_" + this.prefix.replace("-", "_") + "_" + UUID.randomUUID().toString().replace("-", "");
			String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-11-17.clover\","
					+ "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cus_load\","
					+ "\"object\":\"customer\"}},\"livemode\":false,\"pending_webhooks\":1,\"type\":\"customer.created\"}";
			List<Attempt> call = untilAccepted(Kind.WEBHOOK, () -> HttpRequest
				.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/billing/webhooks"))
				.header("Content-Type", "application/json")
				.header("Stripe-Signature", StripeSignatures.sign(secret("STRIPE_WEBHOOK_SECRET"), payload))
				.POST(HttpRequest.BodyPublishers.ofString(payload)));
			if (!call.isEmpty() && call.get(call.size() - 1).ok()) {
				this.delivered.add(id);
			}
			else {
				this.unaccepted.add(id + ": " + call);
			}
		}
	}

	/** Logs in again and again; a login acknowledges nothing, so its answers are only counted. */
	private void loginClient(Account account, Api api) {
		String body = Api.JSON.writeValueAsString(Map.of("email", account.email(), "password", account.password()));
		while (!this.stopping) {
			Attempt attempt = send(Kind.LOGIN, HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/auth/login"))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", api.clientAddress())
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (attempt == null || !pause(Duration.ofMillis(200))) {
				return;
			}
		}
	}

	/**
	 * Sends until a 2xx; a refusal, a lost connection or a 502/503 is retried after a short pause (a
	 * client's back-off), anything else ends the call unaccepted.
	 * @return the call's attempts, the last one its answer
	 */
	private List<Attempt> untilAccepted(Kind kind, Supplier<HttpRequest.Builder> request) {
		List<Attempt> call = new ArrayList<>();
		while (true) {
			Attempt attempt = send(kind, request.get());
			if (attempt == null) {
				return call;
			}
			call.add(attempt);
			if (attempt.ok() || this.stopping && call.size() > 50) {
				return call;
			}
			if (!attempt.retried()) {
				return call;
			}
			if (!pause(Duration.ofMillis(100))) {
				return call;
			}
		}
	}

	/** One exchange, kept; {@code null} when interrupted. */
	private Attempt send(Kind kind, HttpRequest.Builder request) {
		long started = System.nanoTime();
		String outcome;
		String retryAfter = null;
		String code = null;
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			outcome = Integer.toString(response.statusCode());
			retryAfter = response.headers().firstValue("Retry-After").orElse(null);
			code = (response.statusCode() >= 400) ? codeOf(response.body()) : null;
		}
		catch (ConnectException ex) {
			outcome = "refused";
		}
		catch (IOException ex) {
			// The JDK client's words for a connection closed before any byte of an answer
			outcome = (String.valueOf(ex.getMessage()).contains("received no bytes") ? UNANSWERED : "reset ") + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		Attempt attempt = new Attempt(kind, started, System.nanoTime(), outcome, retryAfter, code);
		this.attempts.add(attempt);
		return attempt;
	}

	private static String codeOf(String body) {
		try {
			return Api.JSON.readTree(body).path("code").asString(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	// a client's back-off before it retries, not a wait for the test's sake
	private static boolean pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Answers by kind and outcome, e.g. {@code {usage 201=310, usage 503=12}}. */
	static String outcomes(List<Attempt> attempts) {
		Map<String, Integer> counts = new TreeMap<>();
		attempts.forEach((a) -> counts.merge(a.kind().name().toLowerCase() + " "
				+ (a.unanswered() ? "unanswered" : a.outcome().startsWith("reset") ? "reset" : a.outcome()), 1,
				Integer::sum));
		return counts.toString();
	}

	/**
	 * What the database holds of the acknowledged usage records of {@code users}: events per key, each
	 * key's idempotency row, and the counters against the sums of their events.
	 */
	Ledger ledger(Connection db, List<String> users) throws SQLException {
		Map<String, Long> events = new HashMap<>();
		query(db, "SELECT metadata->>'clientKey', count(*) FROM usage_events WHERE user_id = ANY (?::uuid[])"
				+ " GROUP BY 1", users, (row) -> events.put(row.getString(1), row.getLong(2)));
		Map<String, Long> keys = new HashMap<>();
		query(db, "SELECT k.idempotency_key, count(e.id) FROM usage_idempotency_keys k JOIN usage_events e"
				+ " ON e.id = k.event_id WHERE e.user_id = ANY (?::uuid[]) GROUP BY 1", users,
				(row) -> keys.put(row.getString(1), row.getLong(2)));
		long lost = 0;
		long doubled = 0;
		long accepted = 0;
		for (UsageCall call : this.recorded) {
			long stored = events.getOrDefault(call.key(), 0L);
			lost += (stored == 0 || keys.getOrDefault(call.key(), 0L) == 0) ? 1 : 0;
			doubled += (stored > 1 || keys.getOrDefault(call.key(), 0L) > 1) ? 1 : 0;
			accepted += call.amount();
		}
		Map<String, Long> sums = new HashMap<>();
		query(db, "SELECT user_id::text, period_start::text, sum(amount) FROM usage_events"
				+ " WHERE user_id = ANY (?::uuid[]) GROUP BY 1, 2", users,
				(row) -> sums.put(row.getString(1) + "/" + row.getString(2), row.getLong(3)));
		Map<String, Long> counters = new HashMap<>();
		query(db, "SELECT user_id::text, period_start::text, used FROM usage_counters"
				+ " WHERE user_id = ANY (?::uuid[]) AND resource_type = '" + RESOURCE + "'", users,
				(row) -> counters.put(row.getString(1) + "/" + row.getString(2), row.getLong(3)));
		List<String> unacknowledged = events.keySet()
			.stream()
			.filter((key) -> this.recorded.stream().noneMatch((call) -> call.key().equals(key)))
			.toList();
		return new Ledger(this.recorded.size(), lost, doubled, accepted,
				sums.values().stream().mapToLong(Long::longValue).sum(), counters.equals(sums), unacknowledged);
	}

	/** Asserts the usage ledger holds every acknowledged record exactly once, and nothing else. */
	void assertUsageRecordedOnce(Connection db, List<String> users) throws SQLException {
		Ledger ledger = ledger(db, users);
		assertThat(ledger.lost()).as("acknowledged usage records not stored: %s", ledger).isZero();
		assertThat(ledger.doubled()).as("acknowledged usage records stored twice: %s", ledger).isZero();
		assertThat(ledger.countersMatchEvents()).as("usage counters = the sums of their events: %s", ledger).isTrue();
		assertThat(ledger.storedAmount()).as("usage recorded, in total: %s", ledger).isEqualTo(ledger.acceptedAmount());
		assertThat(ledger.unacknowledged()).as("no event nobody was told about").isEmpty();
	}

	/** Waits until every acknowledged webhook is stored once and applied (or ignored). */
	void assertWebhooksStoredOnceAndApplied(Connection db) {
		List<String> ids = delivered();
		await("every stored webhook applied").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, String> statuses = new HashMap<>();
			query(db, "SELECT id, status FROM stripe_events WHERE id = ANY (?)", ids,
					(row) -> assertThat(statuses.put(row.getString(1), row.getString(2))).as("one row per event").isNull());
			assertThat(statuses).as("accepted webhooks stored").hasSize(ids.size());
			assertThat(statuses.values()).as("statuses of the stored webhooks")
				.allMatch((status) -> status.equals("applied") || status.equals("ignored"));
		});
	}

	private String serviceToken() {
		return new ServiceTokens(secret("SERVICE_JWT_SECRET"), Clock.systemUTC()).issue("intelligence", "auth-billing",
				null, Duration.ofMinutes(1));
	}

	private String secret(String name) {
		return this.suite.environment().get(name);
	}

	/** The suite's PostgreSQL, from {@code DATABASE_URL} (a platform URL or a JDBC one). */
	static Connection database(DevSuite suite) throws SQLException {
		return Jdbc.connect(suite.databaseUrl());
	}

	static void query(Connection db, String sql, List<String> values, Row row) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setArray(1, db.createArrayOf("text", values.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					row.read(rows);
				}
			}
		}
	}

	/** Reads one row of a result. */
	@FunctionalInterface
	interface Row {

		void read(ResultSet row) throws SQLException;

	}

	/** What the clients send. */
	enum Kind {

		USAGE, WEBHOOK, LOGIN

	}

	/** One acknowledged usage record and the attempts it took. */
	record UsageCall(String key, long amount, List<Attempt> attempts) {
	}

	/**
	 * The usage ledger against what was acknowledged: records lost or stored twice, amounts, whether the
	 * counters equal their events' sums, and stored keys nobody was told about.
	 */
	record Ledger(long acknowledged, long lost, long doubled, long acceptedAmount, long storedAmount,
			boolean countersMatchEvents, List<String> unacknowledged) {
	}

	/**
	 * One HTTP exchange: a status (with its {@code Retry-After} and problem {@code code}, if any),
	 * {@code refused} (no connection), {@code unanswered ...} (the connection closed before any byte of an
	 * answer) or {@code reset ...} (lost otherwise).
	 */
	record Attempt(Kind kind, long started, long ended, String outcome, String retryAfter, String code) {

		boolean ok() {
			return this.outcome.startsWith("2");
		}

		boolean unanswered() {
			return this.outcome.startsWith(UNANSWERED);
		}

		/** What a client retries: a refusal, a lost connection, a 502 or a 503. */
		boolean retried() {
			return this.outcome.equals("502") || this.outcome.equals("503") || this.outcome.equals("refused")
					|| this.outcome.startsWith("reset") || unanswered();
		}

		/** A 5xx the contract does not allow: anything but a 503 with {@code Retry-After} and a code, or a 502. */
		boolean serverError() {
			if (!this.outcome.startsWith("5")) {
				return false;
			}
			if (this.outcome.equals("503")) {
				return this.retryAfter == null || this.code == null;
			}
			return !this.outcome.equals("502");
		}

	}

}
