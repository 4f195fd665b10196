package com.saasgate.e2e;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.Parallel;
import com.saasgate.devsupport.RedisServer;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, Redis killed and restarted under login and upstream traffic through the gateway: logins
 * stay limited (auth-billing's in-memory fallback), the gateway keeps rate limiting on its own, tier
 * lookups keep serving, and both services' {@code /health} say {@code DEGRADED} with 200. A tier change
 * made while Redis is down waits in the outbox; once Redis is back the gateway re-subscribes (its
 * cache is flushed) and the queued {@code user_tier_changed} message reaches it (an invalidation), so
 * the upstream sees the new tier. It stops the shared suite's Redis and ends with both services
 * healthy (UP) again.
 */
@ExtendWith(E2eSuite.class)
class RedisOutageIT {

	/** auth-billing's default {@code requestsPerMinute} of {@code free_trial}. */
	private static final int TRIAL_PER_MINUTE = 60;

	/** Failed logins for one email from one address that lock the pair (api-contract section 2). */
	private static final int LOGIN_FAILURES = 5;

	private final Api api;

	private final DevSuite suite;

	RedisOutageIT(Api api) {
		this.api = api;
		this.suite = api.suite();
	}

	@Test
	void redisWhenKilledThenLimitsHoldPerInstanceHealthDegradedAndQueuedTierChangeArrivesAfterRestart()
			throws Exception {
		RedisServer redis = this.suite.embeddedRedis().orElse(null);
		Assumptions.assumeTrue(redis != null, "REDIS_URL names an external Redis, which this test must not stop");
		TokenPair upgraded = this.api.verifiedUser(Account.fresh());
		String upgradedId = this.api.me(upgraded).text("userId");
		TokenPair burster = this.api.verifiedUser(Account.fresh());
		Account victim = Account.fresh();
		this.api.verifiedUser(victim);
		String path = "/notes/" + UUID.randomUUID();
		assertThat(upstream(upgraded, path).status()).isEqualTo(200);
		double flushesBefore = gatewayCounter("tier_cache_flushes_total");
		double invalidationsBefore = gatewayCounter("tier_cache_invalidations_total");
		List<Response> answers = new ArrayList<>();
		List<Integer> burst;
		Response tierChange;
		redis.suspend();
		try {
			await("both services DEGRADED, still 200").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertDegraded(this.api.send("GET", this.suite.authBillingUrl() + "/health", null));
				assertDegraded(this.api.get("/health"));
			});

			Api attacker = this.api.newClient();
			Account wrong = new Account(victim.email(), victim.password() + "-wrong");
			for (int i = 0; i < LOGIN_FAILURES; i++) {
				answers.add(attacker.login(wrong));
			}
			Response locked = attacker.login(victim);
			answers.add(locked);
			assertThat(answers).as("wrong passwords while Redis is down")
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isIn(401, 429));
			assertThat(locked.status()).as("the right password once the pair is locked: %s", locked).isEqualTo(429);
			assertThat(locked.text("code")).isEqualTo("too_many_attempts");
			assertThat(locked.header("Retry-After")).isNotBlank();
			assertThat(this.api.newClient().login(victim).status()).as("the victim from elsewhere").isEqualTo(200);

			burst = Parallel.run(TRIAL_PER_MINUTE + 30, () -> upstream(burster, "/x").status());
			assertThat(burst).as("the burst while Redis is down").containsOnly(200, 429).contains(429);
			assertThat(burst.stream().filter((status) -> status == 200).count()).as("admitted by the local bucket")
				.isLessThanOrEqualTo(TRIAL_PER_MINUTE + 5);

			Response served = upstream(upgraded, path);
			assertThat(served.status()).as("tier lookups keep serving: %s", served).isEqualTo(200);
			tierChange = this.api.send("POST", this.suite.authBillingUrl() + "/internal/users/" + upgradedId + "/tier",
					Api.JSON.writeValueAsString(Map.of("tier", "pro", "reason", "redis outage test")), "X-Service-Token",
					opsToken());
			assertThat(tierChange.status()).as(tierChange.toString()).isEqualTo(200);
		}
		finally {
			redis.resume();
		}
		long restarted = System.nanoTime();
		await("the gateway re-subscribed (its cache flushed) and got the queued tier change")
			.atMost(Duration.ofSeconds(60))
			.until(() -> gatewayCounter("tier_cache_flushes_total") > flushesBefore
					&& gatewayCounter("tier_cache_invalidations_total") > invalidationsBefore);
		long arrivedAfter = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
		await("the upstream sees the new tier").atMost(Duration.ofSeconds(30))
			.until(() -> upstream(upgraded, path).status() == 200 && lastTier(path).equals("pro"));
		await("both services UP again").atMost(Duration.ofSeconds(30))
			.until(() -> this.api.send("GET", this.suite.authBillingUrl() + "/health", null).json().path("checks")
				.path("redis").asString().equals("UP")
					&& this.api.get("/health").json().path("checks").path("redis").asString().equals("UP"));
		// auth-billing's login limiter lets two calls through its half-open breaker before it closes; until
		// then a burst is still counted in memory (a fresh budget once per outage, by design), which the
		// next test class would inherit. Failed logins of nobody close it.
		await("the login limits counted in Redis again").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				this.api.newClient().post("/api/auth/login",
						Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "not the password"));
				return limiterBreakerClosed();
			});

		long serverErrors = answers.stream().filter((answer) -> answer.status() >= 500).count()
				+ burst.stream().filter((status) -> status >= 500).count();
		Reliability.record(new Reliability.Row("redis-outage", "Redis killed and restarted",
				(LOGIN_FAILURES + 2) + " logins and " + burst.size()
						+ " upstream requests through the gateway, a tier change while Redis was down",
				0, 0, serverErrors,
				"health DEGRADED (200) on both services; login locked after " + LOGIN_FAILURES
						+ " failures (in-memory limits); gateway admitted "
						+ burst.stream().filter((status) -> status == 200).count() + " of " + burst.size()
						+ " (local bucket, " + TRIAL_PER_MINUTE + "/min); queued tier change reached the gateway "
						+ arrivedAfter + " ms after Redis returned"));
	}

	/** Whether the last transition auth-billing logged for its login limiter's breaker (if any) closed it. */
	private static boolean limiterBreakerClosed() throws java.io.IOException {
		String log = java.nio.file.Files.readString(ServiceLogs.authBilling());
		int last = log.lastIndexOf("Redis circuit for attempt limits");
		return last < 0 || log.substring(last, log.indexOf('\n', last) < 0 ? log.length() : log.indexOf('\n', last))
			.endsWith("to CLOSED");
	}

	private static void assertDegraded(Response health) {
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.text("status")).as(health.toString()).isEqualTo("DEGRADED");
		assertThat(health.json().path("checks").path("redis").asString()).as(health.toString()).isEqualTo("DEGRADED");
	}

	private Response upstream(TokenPair tokens, String path) {
		return this.api.get("/api/memory" + path, "Authorization", tokens.bearer(), "X-Forwarded-For",
				Api.randomClientAddress());
	}

	/** The tier the gateway sent with the latest request for {@code path} at the upstream. */
	private static String lastTier(String path) {
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		LoggedRequest last = received.stream()
			.max(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
			.orElseThrow();
		return last.getHeader("X-User-Tier");
	}

	/** A counter of the gateway's Prometheus text, summed over its labels. */
	private double gatewayCounter(String name) {
		String text = this.api.send("GET", this.suite.gatewayManagementUrl() + "/actuator/prometheus", null).body();
		Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
		double sum = 0;
		while (matcher.find()) {
			sum += Double.parseDouble(matcher.group(2));
		}
		return sum;
	}

	private String opsToken() {
		return new ServiceTokens(this.suite.environment().get("SERVICE_JWT_SECRET"), Clock.systemUTC()).issue("ops",
				"auth-billing", null, Duration.ofMinutes(1));
	}

}
