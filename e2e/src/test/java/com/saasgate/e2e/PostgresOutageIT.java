package com.saasgate.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.PostgresServer;
import com.saasgate.e2e.LoadClients.Attempt;
import com.saasgate.e2e.LoadClients.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, a database blip: the suite's PostgreSQL is stopped for 15 s (fast shutdown, so the
 * connections in use break mid-transaction) and started again on its port while clients record usage
 * with idempotency keys (directly), deliver signed webhooks and log in (through the gateway), retrying
 * what was not answered 2xx. Afterwards: no answer was a 5xx other than {@code 503} with
 * {@code Retry-After} and a contract code; every acknowledged usage record and webhook is stored exactly
 * once (and the webhooks applied); throughout the outage auth-billing's {@code /health} was {@code 503}
 * in the contract's shape with {@code database: DOWN} (the gateway's too, with {@code authBilling:
 * DOWN}) and readiness {@code 503}; each scheduled job logged one {@code WARN} for the outage, no stack
 * trace, and one {@code INFO} when it recovered; and auth-billing was healthy again within seconds.
 * <p>
 * It stops the shared suite's PostgreSQL, not one of its own (another PostgreSQL, Redis and two JVMs
 * would cost the build's two cores a minute), and ends only when PostgreSQL is back and both services
 * answer {@code /health} 200, so the classes after it find the suite as it was.
 */
@ExtendWith(E2eSuite.class)
class PostgresOutageIT {

	private static final Duration OUTAGE = Duration.ofSeconds(15);

	private static final Pattern JOB_WARN = Pattern.compile(" WARN .*Job (\\S+): the database is unavailable");

	private static final Pattern JOB_RECOVERED = Pattern.compile(" INFO .*Job (\\S+): recovered");

	private final Api api;

	private final DevSuite suite;

	PostgresOutageIT(Api api) {
		this.api = api;
		this.suite = api.suite();
	}

	@Test
	void postgresWhenStoppedUnderLoadThenServiceUnavailableWithRetryAfterNothingLostAndHealthyWithinSeconds()
			throws Exception {
		PostgresServer postgres = this.suite.embeddedPostgres().orElse(null);
		Assumptions.assumeTrue(postgres != null, "TEST_DATABASE_URL names an external PostgreSQL, which this test must not stop");
		List<String> users = List.of(this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"),
				this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"));
		Account loginAccount = Account.fresh();
		this.api.verifiedUser(loginAccount);
		Path log = ServiceLogs.authBilling();
		try (LoadClients load = new LoadClients(this.suite, "pgoutage")) {
			load.usage(4, users).webhooks(2).logins(List.of(loginAccount), this.api.newClient());
			await("the load to warm up").atMost(Duration.ofSeconds(60))
				.until(() -> load.recorded().size() >= 50 && load.delivered().size() >= 20);

			long logOffset = Files.size(log);
			long stopped = System.nanoTime();
			try {
				postgres.stop();
				await("503 with Retry-After while PostgreSQL is down").atMost(Duration.ofSeconds(10))
					.until(() -> load.answered(Kind.USAGE, stopped, (a) -> "503".equals(a.outcome())) > 0);
				assertHealthDown();
				await("health DOWN throughout the outage").during(OUTAGE.minusSeconds(5))
					.atMost(OUTAGE.plusSeconds(10))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> get(this.suite.authBillingUrl() + "/health").status() == 503);
			}
			finally {
				postgres.restart();
			}
			long restarted = System.nanoTime();
			long outage = Duration.ofNanos(restarted - stopped).toMillis();
			await("auth-billing healthy again").atMost(Duration.ofSeconds(30))
				.until(() -> get(this.suite.authBillingUrl() + "/health").status() == 200);
			long healthyAfter = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
			await("clients served again").atMost(Duration.ofSeconds(30))
				.until(() -> load.answered(Kind.USAGE, restarted, Attempt::ok) >= 50
						&& load.answered(Kind.WEBHOOK, restarted, Attempt::ok) >= 10
						&& load.answered(Kind.LOGIN, restarted, Attempt::ok) >= 1);
			Map<String, Integer> warned = new TreeMap<>();
			await("every job that warned has recovered").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				String outageLog = readFrom(log, logOffset);
				warned.clear();
				warned.putAll(count(JOB_WARN, outageLog));
				assertThat(count(JOB_RECOVERED, outageLog)).as(outageLog).containsOnlyKeys(warned.keySet());
			});
			load.stop();

			List<Attempt> all = load.attempts();
			List<Attempt> during = all.stream().filter((a) -> a.ended() > stopped && a.started() < restarted).toList();
			List<Attempt> serverErrors = all.stream().filter(Attempt::serverError).toList();
			String outageLog = readFrom(log, logOffset);
			LoadClients.Ledger ledger;
			try (Connection db = LoadClients.database(this.suite)) {
				ledger = load.ledger(db, users);
				String summary = String.format("outage %d ms; %d attempts, %d during the outage: %s; usage %s; %d "
						+ "webhooks accepted; healthy %d ms after the restart; job WARN lines %s", outage, all.size(),
						during.size(), LoadClients.outcomes(during), ledger, load.delivered().size(), healthyAfter, warned);
				System.out.println("PostgresOutageIT: " + summary);

				assertThat(serverErrors).as("5xx other than 503 with Retry-After and a code: %s", summary).isEmpty();
				assertThat(during.stream().filter((a) -> "503".equals(a.outcome())).map(Attempt::code).distinct())
					.as("codes of the 503s: %s", summary)
					.isNotEmpty()
					.allMatch((code) -> code.equals("service_unavailable") || code.equals("overloaded"));
				assertThat(all).as("answers: %s", summary)
					.allSatisfy((a) -> assertThat(a.outcome()).matches("2\\d\\d|429|503|refused"));
				assertThat(load.unaccepted()).as("calls never accepted: %s", summary).isEmpty();
				load.assertUsageRecordedOnce(db, users);
				load.assertWebhooksStoredOnceAndApplied(db);
				assertThat(warned).as("one WARN per job for the outage: %s", summary)
					.containsKey("OutboxRelay.relay")
					.allSatisfy((job, lines) -> assertThat(lines).as(job).isEqualTo(1));
				assertThat(outageLog.lines().filter((line) -> line.startsWith("\tat ") || line.contains(" ERROR ")))
					.as("no stack trace or ERROR in auth-billing's log during the outage").isEmpty();
				assertThat(healthyAfter).as("healthy after the restart within (ms)").isLessThan(10_000);
			}
			await("the gateway healthy again").atMost(Duration.ofSeconds(20))
				.until(() -> this.api.get("/health").status() == 200);

			Reliability.record(new Reliability.Row("postgres-outage",
					"PostgreSQL stopped (fast shutdown) for " + outage / 1000 + " s under load",
					String.format("4 usage clients (Idempotency-Key, retries), 2 webhook clients, 1 login client: "
							+ "%d requests, %d during the outage", all.size(), during.size()),
					ledger.lost(), ledger.doubled(), serverErrors.size(),
					String.format("during the outage %s; /health 503 {database: DOWN}; healthy %d ms after the "
							+ "restart; %d usage records and %d webhooks acknowledged, each stored once; one WARN "
							+ "per job (%s), no stack trace", LoadClients.outcomes(during), healthyAfter,
							ledger.acknowledged(), load.delivered().size(), String.join(", ", warned.keySet()))));
		}
		finally {
			postgres.restart();
		}
	}

	/** auth-billing's health, its readiness and the gateway's health during the outage. */
	private void assertHealthDown() {
		Response health = get(this.suite.authBillingUrl() + "/health");
		assertThat(health.status()).as(health.toString()).isEqualTo(503);
		assertThat(health.text("status")).as(health.toString()).isEqualTo("DOWN");
		assertThat(health.json().path("checks").path("database").asString()).as(health.toString()).isEqualTo("DOWN");
		assertThat(health.json().path("checks").propertyNames()).as(health.toString())
			.contains("database", "redis", "stripe", "smtp", "config");
		Response readiness = get(this.suite.authBillingManagementUrl() + "/actuator/health/readiness");
		assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
		Response gateway = this.api.get("/health");
		assertThat(gateway.status()).as(gateway.toString()).isEqualTo(503);
		assertThat(gateway.json().path("checks").path("authBilling").asString()).as(gateway.toString()).isEqualTo("DOWN");
	}

	private Response get(String url) {
		return this.api.send("GET", url, null);
	}

	private static String readFrom(Path log, long offset) throws IOException {
		byte[] all = Files.readAllBytes(log);
		return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
				StandardCharsets.UTF_8);
	}

	private static Map<String, Integer> count(Pattern pattern, String text) {
		Map<String, Integer> counts = new TreeMap<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			counts.merge(matcher.group(1), 1, Integer::sum);
		}
		return counts;
	}

}
