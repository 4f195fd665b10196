package com.saasgate.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.devsupport.DevSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, an auth-billing replica killed with SIGKILL (no shutdown hook, no drain: a crash, the OOM
 * killer, a lost node) in the middle of a webhook burst and in the middle of a trial run, with the other
 * replica running ({@link ClusterSuite}); the killed one is started again at once, as a supervisor would.
 * <p>
 * Webhooks: each event is sent through one gateway and, until it is answered {@code 200}, re-sent
 * (signed anew) through the other, as Stripe redelivers; every event ends up stored once and applied
 * once (one row in {@code stripe_events}, {@code applied}; one tier change naming it).
 * <p>
 * Trials: a check on replica 2 is killed while it downgrades; its ShedLock lock stays held until its
 * {@code lockAtMostFor} ({@code TRIAL_LOCK_AT_MOST_FOR}) has passed, and the survivor's checks answer
 * {@code 409 trial_check_running} until then: the survivor does not take over early. The next check
 * does the rest: every expired user is downgraded once. Mails go through the outbox, delivered at least
 * once: a relay killed after the SMTP server took a mail and before it marked it delivered sends that one
 * again once its claim's lease ({@code OUTBOX_LEASE}) lapses, so a user may get one mail twice (at most
 * one per relay thread of the killed replica); the test counts and records it.
 */
@ExtendWith(ClusterSuite.class)
class ReplicaSigkillIT {

	private static final int WEBHOOK_USERS = 240;

	private static final int SENDERS = 6;

	private static final int EXPIRED_TRIALS = 400;

	/** The killed replica's relay threads: the scheduled pass and the wake-up after a commit. */
	private static final int RELAY_THREADS = 2;

	private final ClusterSuite.Cluster cluster;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	ReplicaSigkillIT(ClusterSuite.Cluster cluster) {
		this.cluster = cluster;
	}

	@Test
	void webhooksWhenAReplicaIsKilledMidBurstThenRedeliveryAppliesEachEventOnce() throws Exception {
		TrialUsers users;
		try (Connection db = this.cluster.database()) {
			users = TrialUsers.active(db, WEBHOOK_USERS);
		}
		List<String> userIds = List.copyOf(users.ids());
		Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		DevSuite.Stopped killed;
		int deliveredAtKill;
		try {
			List<CompletableFuture<Void>> running = new ArrayList<>();
			for (int i = 0; i < SENDERS; i++) {
				running.add(CompletableFuture.runAsync(() -> {
					for (int n; (n = next.getAndIncrement()) < userIds.size();) {
						deliveries.add(deliver(userIds.get(n), n % 2));
					}
				}, senders));
			}
			await("a quarter of the burst delivered").atMost(Duration.ofSeconds(60))
				.until(() -> deliveries.size() >= WEBHOOK_USERS / 4);
			killed = this.cluster.suite().killService(this.cluster.authBillingName(2));
			deliveredAtKill = deliveries.size();
			// restarted at once, as a supervisor would: the burst goes on meanwhile
			CompletableFuture<Void> restarted = restart();
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
			restarted.get(180, TimeUnit.SECONDS);
			assertThat(deliveredAtKill).as("killed mid-burst").isLessThan(WEBHOOK_USERS);
		}
		finally {
			senders.shutdownNow();
		}

		assertThat(killed.exitCode()).as("SIGKILL's exit code").isEqualTo(137);
		assertThat(deliveries).hasSize(WEBHOOK_USERS).allSatisfy((d) -> assertThat(d.accepted()).as("%s", d).isTrue());
		List<String> attempts = deliveries.stream().flatMap((d) -> d.attempts().stream()).toList();
		assertThat(attempts).as("what the senders saw").allSatisfy(
				(outcome) -> assertThat(outcome).matches("200|502|503|refused|reset .*"));
		List<String> eventIds = deliveries.stream().map(Delivery::eventId).toList();
		try (Connection db = this.cluster.database()) {
			await("every stored event applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
				.until(() -> statuses(db, eventIds).values().stream().allMatch("applied"::equals)
						&& statuses(db, eventIds).size() == eventIds.size());
			Map<String, Long> changes = tierChangesByEvent(db, eventIds);
			assertThat(changes).as("tier changes per event").hasSize(eventIds.size())
				.allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
		}
		long redelivered = deliveries.stream().filter((d) -> d.attempts().size() > 1).count();
		long serverErrors = attempts.stream().filter((a) -> a.startsWith("5") && !a.equals("502") && !a.equals("503"))
			.count();
		Reliability.record(new Reliability.Row("replica-sigkill-webhooks",
				"An auth-billing replica killed with SIGKILL mid webhook burst",
				String.format("%d signed events from %d senders through both gateways, %d attempts; replica 2 killed"
						+ " after %d were accepted and restarted at once", eventIds.size(), SENDERS,
						attempts.size(), deliveredAtKill),
				0, 0, serverErrors,
				String.format("%d events redelivered (502/503/refused while the replica was gone); each stored once"
						+ " and applied once (one tier change each)", redelivered)));
	}

	@Test
	void trialRunWhenItsReplicaIsKilledThenTheLockLapsesAndTheNextRunFinishesEachUserOnce() throws Exception {
		TrialUsers users;
		try (Connection db = this.cluster.database()) {
			users = TrialUsers.expired(db, EXPIRED_TRIALS);
		}
		String killedUrl = this.cluster.authBillingUrls().get(1);
		String survivorUrl = this.cluster.authBillingUrls().get(0);
		CompletableFuture<String> doomed = CompletableFuture.supplyAsync(() -> trialCheck(killedUrl));

		int downgradedAtKill;
		try (Connection db = this.cluster.database()) {
			downgradedAtKill = await("the run on replica 2 under way").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> users.downgrades(db).size(), (n) -> n > 0);
			this.cluster.suite().killService(this.cluster.authBillingName(2));
		}
		long killedAt = System.nanoTime();
		CompletableFuture<Void> restarted = restart();
		String doomedAnswer = doomed.get(30, TimeUnit.SECONDS);

		String busy = trialCheck(survivorUrl);
		String lockRow;
		try (Connection db = this.cluster.database()) {
			lockRow = shedlock(db);
		}
		String finished = await("the survivor's check, once the lock lapsed")
			.atMost(ClusterSuite.TRIAL_LOCK_AT_MOST_FOR.plusSeconds(30)).pollInterval(Duration.ofMillis(500))
			.until(() -> trialCheck(survivorUrl), (answer) -> answer.startsWith("200"));
		double lockedFor = (System.nanoTime() - killedAt) / 1e9;
		TrialUsers.Outcome outcome = users.awaitSettled(this.cluster);
		restarted.get(180, TimeUnit.SECONDS);

		assertThat(downgradedAtKill).as("killed mid-run").isLessThan(EXPIRED_TRIALS);
		assertThat(doomedAnswer).as("the killed replica's check").startsWith("reset");
		assertThat(busy).as("right after the kill the lock is still held: %s", lockRow).startsWith("409")
			.contains("trial_check_running");
		assertThat(lockedFor).as("the lock lapsed after TRIAL_LOCK_AT_MOST_FOR")
			.isLessThan(ClusterSuite.TRIAL_LOCK_AT_MOST_FOR.toSeconds() + 30.0);
		assertThat(outcome.downgradesPerUser()).as("downgrades per expired user").containsOnlyKeys(users.ids())
			.allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
		assertThat(outcome.mailsPerUser()).as("every expired user mailed").containsOnlyKeys(users.emails());
		assertThat(outcome.doubledMails()).as("mails sent twice: only those a killed relay thread had in hand (%s)",
				outcome.mailedTwice()).isLessThanOrEqualTo(RELAY_THREADS);
		Reliability.record(new Reliability.Row("replica-sigkill-trials",
				"An auth-billing replica killed with SIGKILL mid trial run",
				String.format("%d expired trials; /trials/check on replica 2, killed after %d downgrades; checks on"
						+ " replica 1 until one ran", EXPIRED_TRIALS, downgradedAtKill),
				0, outcome.doubledMails(), 0,
				String.format("survivor answered 409 trial_check_running for %.0f s (TRIAL_LOCK_AT_MOST_FOR %d s), then"
						+ " finished the run: %s; each user downgraded once; %d mail(s) sent twice (outbox delivery is at"
						+ " least once: a relay killed between SMTP and its delivered mark)", lockedFor,
						ClusterSuite.TRIAL_LOCK_AT_MOST_FOR.toSeconds(), finished.replaceAll("\\s+", " "),
						outcome.doubledMails())));
	}

	/** Starts the killed replica again, on its port, in the background; done once it is healthy. */
	private CompletableFuture<Void> restart() {
		return CompletableFuture.runAsync(() -> this.cluster.suite().startService(this.cluster.authBillingName(2)));
	}

	/** One event, re-sent through the other gateway until it is answered 200, as Stripe redelivers. */
	private Delivery deliver(String userId, int firstGateway) {
		String eventId = StripeEvents.newEventId();
		String payload = StripeEvents.subscriptionUpdated(eventId, userId, ClusterSuite.PRICE_PRO);
		List<String> attempts = new ArrayList<>();
		for (int attempt = 0; attempt < 200; attempt++) {
			String gateway = this.cluster.gatewayUrls().get((firstGateway + attempt) % 2);
			String outcome = send(HttpRequest.newBuilder(URI.create(gateway + "/api/billing/webhooks"))
				.header("Content-Type", "application/json")
				.header("Stripe-Signature", StripeSignatures.sign(this.cluster.secret("STRIPE_WEBHOOK_SECRET"), payload))
				.POST(HttpRequest.BodyPublishers.ofString(payload)));
			attempts.add(outcome);
			if (outcome.equals("200")) {
				return new Delivery(eventId, attempts, true);
			}
			if (!outcome.equals("502") && !outcome.equals("503") && !outcome.equals("refused")
					&& !outcome.startsWith("reset")) {
				break;
			}
			pause();
		}
		return new Delivery(eventId, attempts, false);
	}

	/** {@code POST /trials/check} with an ops token: the status and body, or {@code reset ...}. */
	private String trialCheck(String authBillingUrl) {
		return send(HttpRequest.newBuilder(URI.create(authBillingUrl + "/trials/check"))
			.header("X-Service-Token", this.cluster.serviceToken("ops"))
			.POST(HttpRequest.BodyPublishers.noBody()), true);
	}

	private String send(HttpRequest.Builder request) {
		return send(request, false);
	}

	private String send(HttpRequest.Builder request, boolean withBody) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() + (withBody ? " " + response.body() : "");
		}
		catch (ConnectException ex) {
			return "refused";
		}
		catch (IOException ex) {
			return "reset " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** Stripe's back-off before a redelivery, shortened: not a wait for the test's sake. */
	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> statuses(Connection db, List<String> ids) throws SQLException {
		Map<String, String> statuses = new HashMap<>();
		try (PreparedStatement query = db.prepareStatement("SELECT id, status FROM stripe_events WHERE id = ANY (?)")) {
			query.setArray(1, db.createArrayOf("text", ids.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					statuses.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		return statuses;
	}

	/** Tier changes by the event named in their reason. */
	private static Map<String, Long> tierChangesByEvent(Connection db, List<String> ids) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		// reason: "<type> <event id>: <subscription> <status>"
		try (PreparedStatement query = db.prepareStatement("SELECT event, count(*) FROM (SELECT"
				+ " (regexp_match(reason, 'evt_[A-Za-z0-9_]+'))[1] AS event FROM tier_changes"
				+ " WHERE source = 'stripe_webhook') AS changes WHERE event = ANY (?) GROUP BY 1")) {
			query.setArray(1, db.createArrayOf("text", ids.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return counts;
	}

	private static String shedlock(Connection db) throws SQLException {
		try (PreparedStatement query = db.prepareStatement("SELECT name, locked_at, lock_until, locked_by FROM shedlock"
				+ " WHERE name = 'trial-expiry'"); ResultSet row = query.executeQuery()) {
			if (!row.next()) {
				return "no trial-expiry lock row";
			}
			Timestamp at = row.getTimestamp(2);
			Timestamp until = row.getTimestamp(3);
			return "trial-expiry locked at " + at.toInstant() + " until " + until.toInstant() + " by " + row.getString(4);
		}
	}

	private record Delivery(String eventId, List<String> attempts, boolean accepted) {
	}

}
