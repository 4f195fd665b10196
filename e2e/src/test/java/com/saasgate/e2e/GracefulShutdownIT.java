package com.saasgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.e2e.LoadClients.Attempt;
import com.saasgate.e2e.LoadClients.Kind;
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

	/** auth-billing must be gone this long after SIGTERM: the drain, the relays and the pools included. */
	private static final Duration EXIT_WITHIN = Duration.ofSeconds(40);

	private final Api api;

	private final DevSuite suite;

	GracefulShutdownIT(Api api) {
		this.api = api;
		this.suite = api.suite();
	}

	@Test
	void authBillingWhenSigtermUnderLoadThenInFlightRequestsAreAnsweredAndNoAcceptedUsageOrWebhookIsLost()
			throws Exception {
		List<String> users = List.of(this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"),
				this.api.me(this.api.verifiedUser(Account.fresh())).text("userId"));
		try (LoadClients load = new LoadClients(this.suite, "shutdown")) {
			load.usage(USAGE_CLIENTS, users).webhooks(WEBHOOK_CLIENTS);
			await("the load to warm up").atMost(Duration.ofSeconds(30))
				.until(() -> load.recorded().size() >= 150 && load.delivered().size() >= 50);

			long sigterm = System.nanoTime();
			DevSuite.Stopped stopped = this.suite.stopService("auth-billing", EXIT_WITHIN);
			long exited = System.nanoTime();
			this.suite.startService("auth-billing");
			long restarted = System.nanoTime();
			await("clients served by the new auth-billing").atMost(Duration.ofSeconds(30))
				.until(() -> load.answered(Kind.USAGE, restarted, Attempt::ok) >= 100
						&& load.answered(Kind.WEBHOOK, restarted, Attempt::ok) >= 30);
			load.stop();

			List<Attempt> all = load.attempts();
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
					load.recorded().size(), load.delivered().size(), stopped.took().toMillis(), stopped.exitCode(),
					Duration.ofNanos(restarted - exited).toMillis(), inFlight.size(), LoadClients.outcomes(inFlight),
					LoadClients.outcomes(during), lost, drainLine());
			System.out.println("GracefulShutdownIT: " + summary);

			assertThat(stopped.exitCode()).as("exit code after SIGTERM (0, or 143 for the signal): %s", summary)
				.isIn(0, 143);
			assertThat(all).as("no request answered 500, another unexpected status, or reset: %s", summary)
				.allSatisfy((a) -> assertThat(a.outcome())
					.matches("2\\d\\d|502|503|refused|" + LoadClients.UNANSWERED + ".*"));
			assertThat(load.unaccepted()).as("calls never accepted: %s", summary).isEmpty();
			assertThat(inFlight).as("requests in flight at SIGTERM: %s", summary).isNotEmpty()
				.allSatisfy((a) -> assertThat(a.outcome()).as("in flight at SIGTERM, %s", a).matches("2\\d\\d"));
			assertThat(all.stream().filter(Attempt::unanswered))
				.as("connections closed unanswered only while the old auth-billing drained: %s", summary)
				.allSatisfy((a) -> assertThat(a.ended()).isBetween(sigterm, exited));
			assertThat(load.recorded().stream().filter((call) -> call.attempts().stream().anyMatch(Attempt::unanswered)))
				.as("a usage record closed unanswered had not been started: its retry recorded it (201): %s", summary)
				.allSatisfy((call) -> assertThat(call.attempts().get(call.attempts().size() - 1).outcome())
					.as("%s", call).isEqualTo("201"));
			try (Connection db = LoadClients.database(this.suite)) {
				load.assertUsageRecordedOnce(db, users);
				load.assertWebhooksStoredOnceAndApplied(db);
			}
			await("auth-billing healthy through the gateway").atMost(Duration.ofSeconds(20))
				.until(() -> this.api.get("/health").status() == 200);
		}
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

}
