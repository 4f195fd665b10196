package com.saasgate.authbilling.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
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
	void recordFailureWhenBelowLimitThenAllowsWithRemaining() {
		for (int remaining = 4; remaining >= 1; remaining--) {
			assertThat(this.limiter.recordFailure(LOGIN_EMAIL, this.email))
				.isEqualTo(new LimitDecision.Allowed(remaining));
		}
		assertThat(this.limiter.check(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(1));
		assertThat(this.meters.get("redis.errors").counters()).allSatisfy((c) -> assertThat(c.count()).isZero());
		assertThat(this.limiter.redisAvailable()).isTrue();
	}

	@Test
	void recordFailureWhenLimitReachedThenBlocksWithRetryAfter() {
		failTimes(LOGIN_EMAIL, this.email, 4);

		assertThat(this.limiter.recordFailure(LOGIN_EMAIL, this.email))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofMinutes(15)));
		LimitDecision check = this.limiter.check(LOGIN_EMAIL, this.email);
		assertThat(check).isInstanceOfSatisfying(LimitDecision.Blocked.class,
				(blocked) -> assertThat(blocked.retryAfter()).isBetween(Duration.ofSeconds(890), Duration.ofMinutes(15)));
		assertThat(this.limiter.check(LOGIN_EMAIL, TestRedis.uniqueEmail())).isEqualTo(new LimitDecision.Allowed(5));
	}

	@Test
	void checkWhenCalledRepeatedlyThenCountsNothing() {
		this.limiter.check(LOGIN_EMAIL, this.email);
		this.limiter.check(LOGIN_EMAIL, this.email);
		assertThat(this.limiter.check(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(5));
		assertThat(this.limiter.recordFailure(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(4));
	}

	@Test
	void resetWhenLockedThenClearsCounterAndLock() {
		failTimes(LOGIN_EMAIL, this.email, 5);

		this.limiter.reset(LOGIN_EMAIL, this.email);

		assertThat(this.limiter.check(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(5));
		assertThat(this.limiter.recordFailure(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(4));
	}

	@Test
	void recordFailureWhenWindowEndsThenCountStartsAgain() {
		LimitPolicy shortWindow = new LimitPolicy("short-window", 3, Duration.ofSeconds(1), Duration.ofMinutes(15));
		failTimes(shortWindow, this.email, 2);

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.limiter.check(shortWindow, this.email).equals(new LimitDecision.Allowed(3)));
		assertThat(this.limiter.recordFailure(shortWindow, this.email)).isEqualTo(new LimitDecision.Allowed(2));
	}

	@Test
	void checkWhenLockoutEndsThenAllowsFullBudgetAgain() {
		LimitPolicy shortLockout = new LimitPolicy("short-lockout", 2, Duration.ofMinutes(15), Duration.ofSeconds(1));
		failTimes(shortLockout, this.email, 2);
		assertThat(this.limiter.check(shortLockout, this.email))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofSeconds(1)));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.limiter.check(shortLockout, this.email).equals(new LimitDecision.Allowed(2)));
		assertThat(this.limiter.recordFailure(shortLockout, this.email)).isEqualTo(new LimitDecision.Allowed(1));
	}

	@Test
	void recordFailureWhenCountingThenStoresOnlyHashedKeys() {
		LimitPolicy policy = new LimitPolicy("hashed-" + UUID.randomUUID(), 2, Duration.ofMinutes(1),
				Duration.ofMinutes(1));
		this.limiter.recordFailure(policy, this.email);
		Set<String> counting = redis.keys("limits:" + policy.name() + ":*");
		this.limiter.recordFailure(policy, this.email);
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
	void recordFailureWhenTwoInstancesThenShareCountsThroughRedis() {
		LettuceConnectionFactory otherReplicaConnection = TestRedis.connectionFactory();
		try {
			AttemptLimiter otherReplica = new AttemptLimiter(new StringRedisTemplate(otherReplicaConnection),
					new SimpleMeterRegistry(), Clock.systemUTC());
			failTimes(LOGIN_EMAIL, this.email, 2);
			assertThat(otherReplica.recordFailure(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(2));
			failTimes(LOGIN_EMAIL, this.email, 2);

			assertThat(otherReplica.check(LOGIN_EMAIL, this.email).allowed()).isFalse();
			otherReplica.reset(LOGIN_EMAIL, this.email);
			assertThat(this.limiter.check(LOGIN_EMAIL, this.email)).isEqualTo(new LimitDecision.Allowed(5));
		}
		finally {
			otherReplicaConnection.destroy();
		}
	}

	private void failTimes(LimitPolicy policy, String key, int times) {
		for (int i = 0; i < times; i++) {
			this.limiter.recordFailure(policy, key);
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
