package com.saasgate.e2e;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, two gateways and two auth-billings on one machine sharing PostgreSQL and Redis
 * ({@link ClusterSuite}; gateway 1 routes to auth-billing 1, gateway 2 to auth-billing 2): the rate limit
 * and the login limit are global, a tier change made through one replica reaches both gateways before
 * their tier caches' TTL, and trial checks triggered on both replicas at once downgrade and mail each
 * expired trial once.
 */
@ExtendWith(ClusterSuite.class)
class TwoOfEachIT {

	private static final int EXPIRED_TRIALS = 40;

	private static final int LOGIN_MAX_FAILURES = 5;

	private static final List<String> held = new ArrayList<>();

	private static final AtomicInteger requests = new AtomicInteger();

	private static long serverErrors;

	private final ClusterSuite.Cluster cluster;

	TwoOfEachIT(ClusterSuite.Cluster cluster) {
		this.cluster = cluster;
	}

	@Test
	void upstreamWhenBurstSplitAcrossBothGatewaysThenTheTiersLimitPassesOnce() throws Exception {
		Api one = this.cluster.client(1);
		TokenPair probe = one.verifiedUser(Account.fresh());
		TokenPair tokens = one.verifiedUser(Account.fresh());
		String path = "/notes/" + UUID.randomUUID();
		AtomicInteger next = new AtomicInteger();
		// A gateway that started before its auth-billing answered limits by its fallbacks until it has
		// loaded the plans (GATEWAY_PLANS_RETRY): both must count with the same limit.
		for (String gateway : this.cluster.gatewayUrls()) {
			await("the plans loaded by " + gateway).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
				.until(() -> one.via(gateway).get("/api/memory/probe", "Authorization", probe.bearer())
					.header("X-RateLimit-Limit"), Integer.toString(ClusterSuite.TRIAL_PER_MINUTE)::equals);
		}

		long started = System.nanoTime();
		List<Response> answers = Parallel.run(3 * ClusterSuite.TRIAL_PER_MINUTE, () -> one
			.via(this.cluster.gatewayUrls().get(next.getAndIncrement() % 2))
			.get("/api/memory" + path, "Authorization", tokens.bearer()));
		double seconds = (System.nanoTime() - started) / 1e9;

		long admitted = answers.stream().filter((r) -> r.status() == 200).count();
		// the bucket refills 20 a minute: what came back during the burst may pass too
		long refilled = (long) Math.floor(seconds * ClusterSuite.TRIAL_PER_MINUTE / 60.0);
		assertThat(admitted).as("admitted in %.1f s (per-gateway buckets would pass twice the limit)", seconds)
			.isBetween((long) ClusterSuite.TRIAL_PER_MINUTE, ClusterSuite.TRIAL_PER_MINUTE + refilled);
		assertThat(answers).filteredOn((r) -> r.status() != 200).isNotEmpty().allSatisfy((refused) -> {
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.text("code")).isEqualTo("rate_limited");
			assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(ClusterSuite.TRIAL_PER_MINUTE));
		});
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		assertThat(received).hasSize((int) admitted);
		count(answers);
		held.add(String.format("rate limit: %d requests split over 2 gateways, %d passed (limit %d)",
				answers.size(), admitted, ClusterSuite.TRIAL_PER_MINUTE));
	}

	@Test
	void loginWhenFailuresSplitAcrossBothAuthBillingsThenTheLockComesAfterTheConfiguredCount() throws Exception {
		Api one = this.cluster.client(1);
		Account account = Account.fresh();
		one.verifiedUser(account);
		Account wrong = new Account(account.email(), account.password() + "-wrong");
		AtomicInteger next = new AtomicInteger();

		List<Response> guesses = Parallel.run(4 * LOGIN_MAX_FAILURES,
				() -> one.via(this.cluster.gatewayUrls().get(next.getAndIncrement() % 2)).login(wrong));

		assertThat(guesses.stream().filter((r) -> r.status() == 401).count())
			.as("wrong passwords checked before the lock (per-replica counters would check twice as many)")
			.isEqualTo(LOGIN_MAX_FAILURES);
		assertThat(guesses).filteredOn((r) -> r.status() != 401).allSatisfy((locked) -> {
			Problems.assertProblem(locked, 429, "too_many_attempts");
			assertThat(locked.header("Retry-After")).isNotBlank();
		});
		for (String gateway : this.cluster.gatewayUrls()) {
			Problems.assertProblem(one.via(gateway).login(account), 429, "too_many_attempts");
		}
		count(guesses);
		held.add(String.format("login limit: %d wrong passwords split over 2 auth-billings, %d checked (limit %d)",
				guesses.size(), LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES));
	}

	@Test
	void tierChangeWhenAppliedByOneAuthBillingThenBothGatewaysUseItBeforeTheirCacheExpires() {
		Api one = this.cluster.client(1);
		TokenPair tokens = one.verifiedUser(Account.fresh());
		String userId = one.me(tokens).text("userId");
		String path = "/notes/" + UUID.randomUUID();
		for (String gateway : this.cluster.gatewayUrls()) {
			assertThat(upstreamTier(one.via(gateway), tokens, path)).as("cached at %s", gateway).isEqualTo("free_trial");
		}
		String payload = StripeEvents.subscriptionUpdated(StripeEvents.newEventId(), userId, ClusterSuite.PRICE_PRO);

		Response acknowledged = one.send("POST", this.cluster.gatewayUrls().get(0) + "/api/billing/webhooks", payload,
				"Stripe-Signature", StripeSignatures.sign(this.cluster.secret("STRIPE_WEBHOOK_SECRET"), payload));

		assertThat(acknowledged.status()).as("%s", acknowledged).isEqualTo(200);
		// well inside the tier caches' 10 s TTL: only the broadcast can have told gateway 2
		for (String gateway : this.cluster.gatewayUrls()) {
			await("pro at " + gateway).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
				.until(() -> "pro".equals(upstreamTier(one.via(gateway), tokens, path)));
		}
		requests.addAndGet(1);
		held.add("tier change: a webhook to auth-billing 1 reached both gateways within 5 s (cache TTL 10 s)");
	}

	@Test
	void trialCheckWhenTriggeredOnBothReplicasAtOnceThenEachExpiredTrialIsDowngradedAndMailedOnce()
			throws Exception {
		TrialUsers users;
		try (Connection db = this.cluster.database()) {
			users = TrialUsers.expired(db, EXPIRED_TRIALS);
		}
		AtomicInteger next = new AtomicInteger();

		List<Response> runs = Parallel.run(4, () -> this.cluster.client(1).send("POST",
				this.cluster.authBillingUrls().get(next.getAndIncrement() % 2) + "/trials/check", null,
				"X-Service-Token", this.cluster.serviceToken("ops")));

		assertThat(runs).allSatisfy((run) -> assertThat(run.status()).as("%s", run).isIn(200, 409));
		assertThat(runs).filteredOn((run) -> run.status() == 409)
			.allSatisfy((busy) -> Problems.assertProblem(busy, 409, "trial_check_running"));
		assertThat(runs).as("one check ran").anyMatch((run) -> run.status() == 200);
		TrialUsers.Outcome outcome = users.awaitSettled(this.cluster);
		assertThat(outcome.downgradesPerUser()).as("downgrades per expired user").containsOnlyKeys(users.ids())
			.allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
		assertThat(outcome.mailsPerUser()).as("mails per expired user").containsOnlyKeys(users.emails())
			.allSatisfy((email, n) -> assertThat(n).isEqualTo(1L));
		count(runs);
		held.add(String.format("trials: %d expired trials, /trials/check on both auth-billings at once (%d calls):"
				+ " 1 downgrade and 1 mail each", EXPIRED_TRIALS, runs.size()));
	}

	@AfterAll
	static void recordWhenAllHeld() {
		if (held.size() != 4) {
			return;
		}
		Reliability.record(new Reliability.Row("two-of-each",
				"Two gateways and two auth-billings sharing PostgreSQL and Redis",
				requests.get() + " requests: a rate-limit burst, parallel wrong passwords, a tier change, "
						+ "trial checks on both replicas at once",
				0, 0, serverErrors, String.join("; ", held)));
	}

	private static synchronized void count(List<Response> answers) {
		requests.addAndGet(answers.size());
		serverErrors += answers.stream().filter((r) -> r.status() >= 500).count();
	}

	private static String upstreamTier(Api api, TokenPair tokens, String path) {
		Response response = api.get("/api/memory" + path, "Authorization", tokens.bearer());
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		return received.get(received.size() - 1).getHeader("X-User-Tier");
	}

}
