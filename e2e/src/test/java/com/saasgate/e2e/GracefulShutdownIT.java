package com.saasgate.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, graceful shutdown: auth-billing gets SIGTERM while parallel clients record usage (directly,
 * with a service token and an {@code Idempotency-Key}, as internal services do) and Stripe delivers
 * signed webhooks through the real gateway; it must exit by itself, and is started again on the same
 * port while the clients go on. Each client retries what was not answered 2xx with the same key or
 * event id, as a real client and Stripe do. Afterwards, every request that was ever answered 2xx is in
 * the database exactly once (usage events by their key, counters equal to the sum of their events,
 * Stripe events by id), every stored webhook is applied or ignored (none left pending), nothing was
 * answered 500, and requests that were in flight at SIGTERM were answered, not reset.
 * <p>
 * What a client may see while auth-billing is away, and retries: a refused connection, the gateway's
 * {@code 502}/{@code 503}, or, within the drain only, a kept-alive connection closed before any byte
 * of an answer. That last one is a request Tomcat never started: a paused connector reads no new
 * request from an idle kept-alive connection and closes it when it stops. The test proves it never
 * started: the retry of such a usage record is answered {@code 201}, recorded now, not {@code 200}
 * duplicate. (In Kubernetes the preStop sleep takes the pod out of the endpoints first, so callers
 * rarely meet it.)
 * <p>
 * It restarts auth-billing inside the shared {@link E2eSuite} rather than a suite of its own (which
 * would cost another PostgreSQL, Redis and two JVM start-ups on the build's two cores): the e2e classes
 * run one after another in one JVM, and this one ends only when auth-billing answers its
 * {@code /health} again and the gateway's {@code /health} (which includes auth-billing) is 200, so the
 * classes after it find the suite as it was; only its port's process id changed.
 */
@ExtendWith(E2eSuite.class)
class GracefulShutdownIT {

	private static final int USAGE_CLIENTS = 6;

	private static final int WEBHOOK_CLIENTS = 4;

	private static final String RESOURCE = "llm_tokens";

	private static final String UNANSWERED = "unanswered ";

	/** auth-billing must be gone this long after SIGTERM: the drain, the relays and the pools included. */
	private static final Duration EXIT_WITHIN = Duration.ofSeconds(40);

	private final Api api;

	private final DevSuite suite;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	private final Queue<UsageCall> recorded = new ConcurrentLinkedQueue<>();

	private final Queue<String> delivered = new ConcurrentLinkedQueue<>();

	/** Calls that ended without a 2xx: a status that is not retried, or still failing when the test ended. */
	private final Queue<String> unaccepted = new ConcurrentLinkedQueue<>();

	private volatile boolean stopping;

	GracefulShutdownIT(Api api) {
		this.api = api;
		this.suite = api.suite();
	}

	@Test
	void authBillingWhenSigtermUnderLoadThenInFlightRequestsAreAnsweredAndNoAcceptedUsageOrWebhookIsLost()
			throws Exception {
		List<String> users = List.of(this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"),
				this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"));
		ExecutorService clients = Executors.newFixedThreadPool(USAGE_CLIENTS + WEBHOOK_CLIENTS);
		try {
			for (int i = 0; i < USAGE_CLIENTS; i++) {
				String user = users.get(i % users.size());
				clients.execute(() -> usageClient(user));
			}
			for (int i = 0; i < WEBHOOK_CLIENTS; i++) {
				clients.execute(this::webhookClient);
			}
			await("the load to warm up").atMost(Duration.ofSeconds(30))
				.until(() -> this.recorded.size() >= 150 && this.delivered.size() >= 50);

			long sigterm = System.nanoTime();
			DevSuite.Stopped stopped = this.suite.stopService("auth-billing", EXIT_WITHIN);
			long exited = System.nanoTime();
			this.suite.startService("auth-billing");
			long restarted = System.nanoTime();
			await("clients served by the new auth-billing").atMost(Duration.ofSeconds(30))
				.until(() -> answered(restarted, (a) -> a.usage() && a.ok()) >= 100
						&& answered(restarted, (a) -> !a.usage() && a.ok()) >= 30);
			this.stopping = true;
			clients.shutdown();
			await("the clients' last requests").atMost(Duration.ofSeconds(30))
				.until(() -> clients.awaitTermination(0, TimeUnit.SECONDS));

			List<Attempt> all = List.copyOf(this.attempts);
			List<Attempt> inFlight = all.stream().filter((a) -> a.started() < sigterm && a.ended() > sigterm).toList();
			List<Attempt> during = all.stream().filter((a) -> a.ended() > sigterm && a.started() < restarted).toList();
			List<String> lost = all.stream()
				.filter((a) -> a.unanswered() || a.outcome().startsWith("reset"))
				.map((a) -> (a.started() - sigterm) / 1_000_000 + ".." + (a.ended() - sigterm) / 1_000_000 + " "
						+ a.outcome())
				.toList();
			String summary = String.format("%d attempts (%d usage records and %d webhooks accepted); SIGTERM to exit "
					+ "%d ms (exit code %d), restart %d ms; in flight at SIGTERM %d: %s; between SIGTERM and the "
					+ "restart: %s; closed unanswered (ms from SIGTERM): %s; drain log: %s", all.size(),
					this.recorded.size(), this.delivered.size(), stopped.took().toMillis(), stopped.exitCode(),
					Duration.ofNanos(restarted - exited).toMillis(), inFlight.size(), outcomes(inFlight),
					outcomes(during), lost, drainLine());
			System.out.println("GracefulShutdownIT: " + summary);

			assertThat(stopped.exitCode()).as("exit code after SIGTERM (0, or 143 for the signal): %s", summary)
				.isIn(0, 143);
			assertThat(all).as("no request answered 500, another unexpected status, or reset: %s", summary)
				.allSatisfy((a) -> assertThat(a.outcome()).matches("2\\d\\d|502|503|refused|" + UNANSWERED + ".*"));
			assertThat(this.unaccepted).as("calls never accepted: %s", summary).isEmpty();
			assertThat(inFlight).as("requests in flight at SIGTERM: %s", summary).isNotEmpty()
				.allSatisfy((a) -> assertThat(a.outcome()).as("in flight at SIGTERM, %s", a).matches("2\\d\\d"));
			assertThat(all.stream().filter(Attempt::unanswered))
				.as("connections closed unanswered only while the old auth-billing drained: %s", summary)
				.allSatisfy((a) -> assertThat(a.ended()).isBetween(sigterm, exited));
			assertThat(this.recorded.stream().filter((call) -> call.attempts().stream().anyMatch(Attempt::unanswered)))
				.as("a usage record closed unanswered had not been started: its retry recorded it (201): %s", summary)
				.allSatisfy((call) -> assertThat(call.attempts().get(call.attempts().size() - 1).outcome())
					.as("%s", call).isEqualTo("201"));
			try (Connection db = database()) {
				assertUsageRecordedOnce(db, users);
				assertWebhooksStoredOnceAndApplied(db);
			}
			await("auth-billing healthy through the gateway").atMost(Duration.ofSeconds(20))
				.until(() -> this.api.get("/health").status() == 200);
		}
		finally {
			this.stopping = true;
			clients.shutdownNow();
		}
	}

	private void assertUsageRecordedOnce(Connection db, List<String> users) throws SQLException {
		Map<String, Long> events = new HashMap<>();
		query(db, "SELECT metadata->>'clientKey', count(*) FROM usage_events WHERE user_id = ANY (?::uuid[])"
				+ " GROUP BY 1", users, (row) -> events.put(row.getString(1), row.getLong(2)));
		Map<String, Long> keys = new HashMap<>();
		query(db, "SELECT k.idempotency_key, count(e.id) FROM usage_idempotency_keys k JOIN usage_events e"
				+ " ON e.id = k.event_id WHERE e.user_id = ANY (?::uuid[]) GROUP BY 1", users,
				(row) -> keys.put(row.getString(1), row.getLong(2)));
		long accepted = 0;
		for (UsageCall call : this.recorded) {
			assertThat(events.get(call.key())).as("usage events of the accepted key %s", call.key()).isEqualTo(1L);
			assertThat(keys.get(call.key())).as("idempotency key %s", call.key()).isEqualTo(1L);
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
		assertThat(counters).as("usage counters = the sums of their events").isEqualTo(sums);
		assertThat(sums.values().stream().mapToLong(Long::longValue).sum()).as("usage recorded, in total")
			.isEqualTo(accepted);
		assertThat(events.keySet()).as("no event nobody was told about").containsExactlyInAnyOrderElementsOf(
				this.recorded.stream().map(UsageCall::key).toList());
	}

	private void assertWebhooksStoredOnceAndApplied(Connection db) {
		List<String> ids = List.copyOf(this.delivered);
		await("every stored webhook applied").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, String> statuses = new HashMap<>();
			query(db, "SELECT id, status FROM stripe_events WHERE id = ANY (?)", ids,
					(row) -> assertThat(statuses.put(row.getString(1), row.getString(2))).as("one row per event").isNull());
			assertThat(statuses).as("accepted webhooks stored").hasSize(ids.size());
			assertThat(statuses.values()).as("statuses of the stored webhooks").allMatch(
					(status) -> status.equals("applied") || status.equals("ignored"));
		});
	}

	/** Records fresh usage, retrying each with its key until it is answered 2xx. */
	private void usageClient(String userId) {
		while (!this.stopping) {
			String key = "shutdown-" + UUID.randomUUID();
			long amount = ThreadLocalRandom.current().nextLong(1, 10);
			String body = Api.JSON.writeValueAsString(Map.of("userId", userId, "resourceType", RESOURCE,
					"amount", amount, "metadata", Map.of("clientKey", key)));
			List<Attempt> call = untilAccepted(true, () -> HttpRequest.newBuilder(URI.create(this.suite.authBillingUrl() + "/usage/record"))
				.header("Content-Type", "application/json")
				.header("X-Service-Token", serviceToken())
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (call.get(call.size() - 1).ok()) {
				this.recorded.add(new UsageCall(key, amount, call));
			}
			else {
				this.unaccepted.add(key + ": " + call);
			}
		}
	}

	/** Delivers fresh events through the gateway, re-signing and redelivering each until 2xx, as Stripe does. */
	private void webhookClient() {
		while (!this.stopping) {
			String id = "evt_shutdown_" + UUID.randomUUID().toString().replace("-", "");
			String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-11-17.clover\","
					+ "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cus_shutdown\","
					+ "\"object\":\"customer\"}},\"livemode\":false,\"pending_webhooks\":1,\"type\":\"customer.created\"}";
			List<Attempt> call = untilAccepted(false, () -> HttpRequest.newBuilder(URI.create(this.suite.gatewayUrl() + "/api/billing/webhooks"))
				.header("Content-Type", "application/json")
				.header("Stripe-Signature", sign(payload))
				.POST(HttpRequest.BodyPublishers.ofString(payload)));
			if (call.get(call.size() - 1).ok()) {
				this.delivered.add(id);
			}
			else {
				this.unaccepted.add(id + ": " + call);
			}
		}
	}

	/**
	 * Sends until a 2xx; a refusal, a lost connection or a 502/503 is retried after a short pause (a
	 * client's back-off), anything else ends the call unaccepted.
	 * @return the call's attempts, the last one its answer
	 */
	private List<Attempt> untilAccepted(boolean usage, java.util.function.Supplier<HttpRequest.Builder> request) {
		List<Attempt> call = new ArrayList<>();
		while (true) {
			long started = System.nanoTime();
			String outcome;
			try {
				HttpResponse<String> response = this.http.send(request.get().timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.ofString());
				outcome = Integer.toString(response.statusCode());
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
				return call;
			}
			Attempt attempt = new Attempt(usage, started, System.nanoTime(), outcome);
			this.attempts.add(attempt);
			call.add(attempt);
			if (attempt.ok() || this.stopping && call.size() > 50) {
				return call;
			}
			if (!outcome.equals("502") && !outcome.equals("503") && !outcome.equals("refused")
					&& !outcome.startsWith("reset") && !attempt.unanswered()) {
				return call;
			}
			try {
				// a client's back-off before it retries, not a wait for the test's sake
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return call;
			}
		}
	}

	private long answered(long after, Predicate<Attempt> which) {
		return this.attempts.stream().filter((a) -> a.started() > after).filter(which).count();
	}

	private static String outcomes(List<Attempt> attempts) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		attempts.forEach((a) -> counts.merge((a.usage() ? "usage " : "webhook ")
				+ (a.unanswered() ? "unanswered" : a.outcome().startsWith("reset") ? "reset" : a.outcome()), 1,
				Integer::sum));
		return counts.toString();
	}

	/** The line auth-billing logged about what it drained, if its log is at hand. */
	private String drainLine() {
		Path log = Path.of(System.getProperty("e2e.workDirectory", "target/e2e"), "logs", "auth-billing.log");
		try (var lines = Files.lines(log)) {
			return lines.filter((line) -> line.contains("Shutdown drained")).reduce((first, last) -> last)
				.map(String::strip).orElse("none");
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return "not readable (" + ex + ")";
		}
	}

	private String serviceToken() {
		return new ServiceTokens(secret("SERVICE_JWT_SECRET"), Clock.systemUTC()).issue("intelligence", "auth-billing",
				null, Duration.ofMinutes(1));
	}

	private String sign(String payload) {
		return StripeSignatures.sign(secret("STRIPE_WEBHOOK_SECRET"), payload);
	}


	private String secret(String name) {
		return this.suite.environment().get(name);
	}

	/** The suite's PostgreSQL, from {@code DATABASE_URL} (a platform URL or a JDBC one). */
	private Connection database() throws SQLException {
		String url = this.suite.databaseUrl();
		if (url.startsWith("jdbc:")) {
			return DriverManager.getConnection(url);
		}
		URI uri = URI.create(url);
		String[] user = (uri.getUserInfo() != null) ? uri.getUserInfo().split(":", 2) : new String[] { "postgres", "" };
		return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + ((uri.getPort() > 0) ? uri.getPort() : 5432)
				+ uri.getPath() + ((uri.getQuery() != null) ? "?" + uri.getQuery() : ""), user[0], (user.length > 1) ? user[1] : "");
	}

	private static void query(Connection db, String sql, List<String> values, Row row) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setArray(1, db.createArrayOf("text", values.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					row.read(rows);
				}
			}
		}
	}

	@FunctionalInterface
	private interface Row {

		void read(ResultSet row) throws SQLException;

	}

	private record UsageCall(String key, long amount, List<Attempt> attempts) {
	}

	/**
	 * One HTTP exchange: a status, {@code refused} (no connection), {@code unanswered ...} (the connection
	 * closed before any byte of an answer) or {@code reset ...} (lost otherwise).
	 */
	private record Attempt(boolean usage, long started, long ended, String outcome) {

		boolean ok() {
			return this.outcome.startsWith("2");
		}

		boolean unanswered() {
			return this.outcome.startsWith(UNANSWERED);
		}

	}

}
