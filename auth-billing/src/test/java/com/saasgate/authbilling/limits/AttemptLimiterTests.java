package com.saasgate.authbilling.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.saasgate.devsupport.Parallel;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against the real (embedded) Redis, with Redis up throughout. */
class AttemptLimiterTests {

	private static final LimitPolicy LOGIN_EMAIL = new LimitPolicy("login-email", 5, Duration.ofMinutes(15),
			Duration.ofMinutes(15));

	private static final LimitPolicy RESEND_VERIFICATION = new LimitPolicy("resend-verification", 3,
			Duration.ofHours(1), Duration.ofHours(1));

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate redis;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AttemptLimiter limiter = new AttemptLimiter(redis, this.meters, Clock.systemUTC());

	private final String email = TestRedis.uniqueEmail();

	@BeforeAll
	static void connect() {
		connectionFactory = TestRedis.connectionFactory();
		redis = new StringRedisTemplate(connectionFactory);
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	@Test
	void failWhenBelowLimitThenAllowsWithRemaining() {
		for (int remaining = 4; remaining >= 1; remaining--) {
			assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(remaining));
			assertThat(this.limiter.fail(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(remaining));
		}
		assertThat(this.meters.get("redis.errors").counters()).allSatisfy((c) -> assertThat(c.count()).isZero());
		assertThat(this.limiter.redisAvailable()).isTrue();
	}

	@Test
	void failWhenLimitReachedThenBlocksWithRetryAfter() {
		failTimes(LOGIN_EMAIL, this.email, 4);

		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(0));
		assertThat(this.limiter.fail(LOGIN_EMAIL, this.email))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofMinutes(15)));
		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isInstanceOfSatisfying(LimitDecision.Blocked.class,
				(blocked) -> assertThat(blocked.retryAfter()).isBetween(Duration.ofSeconds(890), Duration.ofMinutes(15)));
		assertThat(this.limiter.reserve(LOGIN_EMAIL, TestRedis.uniqueEmail())).isEqualTo(new LimitDecision.Allowed(4));
	}

	@Test
	void reserveWhenAttemptsInFlightHoldTheBudgetThenBlocksUntilOneIsGivenBack() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email).allowed()).isTrue();
		}

		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isInstanceOf(LimitDecision.Blocked.class);
		this.limiter.release(LOGIN_EMAIL, this.email);
		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(0));
	}

	@Test
	void reserveWhenFortyAttemptsAtOnceThenOnlyTheBudgetIsAllowed() throws Exception {
		List<LimitDecision> decisions = Parallel.run(40, () -> this.limiter.reserve(LOGIN_EMAIL, this.email));

		assertThat(decisions).filteredOn(LimitDecision::allowed).hasSize(5);
		assertThat(decisions).filteredOn((d) -> !d.allowed()).hasSize(35);
	}

	@Test
	void releaseWhenNothingReservedThenCountNeverGoesBelowZero() {
		this.limiter.release(LOGIN_EMAIL, this.email);
		this.limiter.release(LOGIN_EMAIL, this.email);

		failTimes(LOGIN_EMAIL, this.email, 4);
		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(0));
	}

	@Test
	void failWhenReservationWasClearedThenCountsTheFailureAfresh() {
		this.limiter.reserve(LOGIN_EMAIL, this.email);
		this.limiter.reset(LOGIN_EMAIL, this.email);

		assertThat(this.limiter.fail(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(4));
	}

	@Test
	void resetWhenLockedThenClearsCounterAndLock() {
		failTimes(LOGIN_EMAIL, this.email, 5);

		this.limiter.reset(LOGIN_EMAIL, this.email);

		assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(4));
	}

	@Test
	void reserveWhenWindowEndsThenCountStartsAgain() {
		LimitPolicy shortWindow = new LimitPolicy("short-window", 3, Duration.ofSeconds(1), Duration.ofMinutes(15));
		failTimes(shortWindow, this.email, 2);

		await().atMost(Duration.ofSeconds(5)).until(() -> {
			LimitDecision decision = this.limiter.reserve(shortWindow, this.email);
			this.limiter.release(shortWindow, this.email);
			return decision.equals(new LimitDecision.Allowed(2));
		});
	}

	@Test
	void reserveWhenLockoutEndsThenAllowsFullBudgetAgain() {
		LimitPolicy shortLockout = new LimitPolicy("short-lockout", 2, Duration.ofMinutes(15), Duration.ofSeconds(1));
		failTimes(shortLockout, this.email, 2);
		assertThat(this.limiter.reserve(shortLockout, this.email))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofSeconds(1)));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.limiter.reserve(shortLockout, this.email).equals(new LimitDecision.Allowed(1)));
	}

	@Test
	void failWhenCountingThenStoresOnlyHashedKeys() {
		LimitPolicy policy = new LimitPolicy("hashed-" + UUID.randomUUID(), 2, Duration.ofMinutes(1),
				Duration.ofMinutes(1));
		failTimes(policy, this.email, 1);
		Set<String> counting = redis.keys("limits:" + policy.name() + ":*");
		failTimes(policy, this.email, 1);
		Set<String> locked = redis.keys("limits:" + policy.name() + ":*");

		String hash = sha256Hex(this.email);
		assertThat(counting).containsExactly("limits:" + policy.name() + ":{" + hash + "}:count");
		assertThat(locked).containsExactly("limits:" + policy.name() + ":{" + hash + "}:lock");
		String localPart = this.email.substring(0, this.email.indexOf('@'));
		assertThat(redis.keys("limits:*")).noneMatch((key) -> key.contains(localPart) || key.contains("example.com"));
	}

	@Test
	void tryAcquireWhenRateExceededThenBlocksUntilLockEnds() {
		assertThat(this.limiter.tryAcquire(RESEND_VERIFICATION, this.email)).isEqualTo(new LimitDecision.Allowed(2));
		assertThat(this.limiter.tryAcquire(RESEND_VERIFICATION, this.email)).isEqualTo(new LimitDecision.Allowed(1));
		assertThat(this.limiter.tryAcquire(RESEND_VERIFICATION, this.email)).isEqualTo(new LimitDecision.Allowed(0));

		LimitDecision fourth = this.limiter.tryAcquire(RESEND_VERIFICATION, this.email);
		assertThat(fourth).isInstanceOfSatisfying(LimitDecision.Blocked.class,
				(blocked) -> assertThat(blocked.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1)));
		assertThat(this.limiter.tryAcquire(RESEND_VERIFICATION, this.email).allowed()).isFalse();
		assertThat(this.limiter.tryAcquire(RESEND_VERIFICATION, TestRedis.uniqueEmail()))
			.isEqualTo(new LimitDecision.Allowed(2));
	}

	@Test
	void failWhenTwoInstancesThenShareCountsThroughRedis() {
		LettuceConnectionFactory otherReplicaConnection = TestRedis.connectionFactory();
		try {
			AttemptLimiter otherReplica = new AttemptLimiter(new StringRedisTemplate(otherReplicaConnection),
					new SimpleMeterRegistry(), Clock.systemUTC());
			failTimes(LOGIN_EMAIL, this.email, 2);
			otherReplica.reserve(LOGIN_EMAIL, this.email);
			assertThat(otherReplica.fail(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(2));
			failTimes(LOGIN_EMAIL, this.email, 2);

			assertThat(otherReplica.reserve(LOGIN_EMAIL, this.email).allowed()).isFalse();
			otherReplica.reset(LOGIN_EMAIL, this.email);
			assertThat(this.limiter.reserve(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(4));
		}
		finally {
			otherReplicaConnection.destroy();
		}
	}

	private void failTimes(LimitPolicy policy, String key, int times) {
		for (int i = 0; i < times; i++) {
			this.limiter.reserve(policy, key);
			this.limiter.fail(policy, key);
		}
	}

	private static String sha256Hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
