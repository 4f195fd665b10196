package com.saasgate.authbilling.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Stops the embedded Redis under a live limiter. Skipped when the tests run against an external Redis
 * ({@code TEST_REDIS_URL}), which a test must not stop.
 */
class AttemptLimiterOutageTests {

	private static final LimitPolicy LOGIN_EMAIL = new LimitPolicy("login-email", 5, Duration.ofMinutes(15),
			Duration.ofMinutes(15));

	private static final LimitPolicy GENEROUS = new LimitPolicy("outage-recovery", 1000, Duration.ofMinutes(1),
			Duration.ofMinutes(1));

	// Generous: it only catches a limiter that hangs on a dead Redis instead of falling back.
	private static final Duration ANSWERS_QUICKLY = Duration.ofSeconds(10);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private RedisServer server;

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private AttemptLimiter limiter;

	@BeforeEach
	void startLimiter() {
		this.server = TestInfrastructure.embeddedRedis();
		assumeTrue(this.server != null, "TEST_REDIS_URL points at an external Redis");
		this.server.resume();
		this.connectionFactory = TestRedis.connectionFactory();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		// The breaker reopens to trial calls after one second here, against 15 in production.
		this.limiter = new AttemptLimiter(this.redis, this.meters, Clock.systemUTC(), Duration.ofSeconds(1));
	}

	@AfterEach
	void restoreRedis() {
		if (this.server != null) {
			this.server.resume();
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void failWhenRedisDownThenFallsBackToMemoryAndStillBlocks() {
		String email = TestRedis.uniqueEmail();
		assertThat(this.limiter.tryAcquire(GENEROUS, email).allowed()).isTrue();

		this.server.suspend();
		try {
			List<LimitDecision> decisions = assertTimeoutPreemptively(ANSWERS_QUICKLY,
					() -> failTimes(LOGIN_EMAIL, email, 5));

			assertThat(decisions).containsExactly(new LimitDecision.Allowed(4), new LimitDecision.Allowed(3),
					new LimitDecision.Allowed(2), new LimitDecision.Allowed(1),
					new LimitDecision.Blocked(Duration.ofMinutes(15)));
			assertThat(this.limiter.redisAvailable()).isFalse();
			assertThat(this.meters.get("limits.redis.available").gauge().value()).isZero();
			assertThat(this.meters.get("redis.errors").tag("operation", "limits_reserve").counter().count())
				.isGreaterThanOrEqualTo(1);
			assertTimeoutPreemptively(ANSWERS_QUICKLY, () -> {
				assertThat(this.limiter.reserve(LOGIN_EMAIL, email).allowed()).isFalse();
				assertThat(this.limiter.tryAcquire(LOGIN_EMAIL, TestRedis.uniqueEmail()).allowed()).isTrue();
				this.limiter.reset(LOGIN_EMAIL, email);
				assertThat(this.limiter.reserve(LOGIN_EMAIL, email)).isEqualTo(new LimitDecision.Allowed(4));
			});
		}
		finally {
			this.server.resume();
		}
	}

	@Test
	void reserveWhenRedisReturnsThenCountsInRedisAgain() {
		String lockedDuringOutage = TestRedis.uniqueEmail();
		// Connected first, so that recovery goes through Lettuce's reconnect as it would in production.
		assertThat(this.limiter.tryAcquire(GENEROUS, lockedDuringOutage).allowed()).isTrue();
		this.server.suspend();
		try {
			failTimes(LOGIN_EMAIL, lockedDuringOutage, 5);
			assertThat(this.limiter.reserve(LOGIN_EMAIL, lockedDuringOutage).allowed()).isFalse();
		}
		finally {
			this.server.resume();
		}

		String email = TestRedis.uniqueEmail();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			this.limiter.tryAcquire(GENEROUS, email);
			return !this.redis.keys("limits:outage-recovery:{" + KeyHash.of(email) + "}:*").isEmpty();
		});

		assertThat(this.limiter.redisAvailable()).isTrue();
		assertThatNoException().isThrownBy(() -> this.redis.keys("limits:*"));
		// In-memory locks from the outage are not merged back: Redis never saw those failures.
		assertThat(this.limiter.reserve(LOGIN_EMAIL, lockedDuringOutage)).isEqualTo(new LimitDecision.Allowed(4));
		LimitDecision here = this.limiter.tryAcquire(GENEROUS, email);
		AttemptLimiter otherReplica = new AttemptLimiter(this.redis, new SimpleMeterRegistry(), Clock.systemUTC());
		LimitDecision.Allowed there = (LimitDecision.Allowed) otherReplica.tryAcquire(GENEROUS, email);
		assertThat(there.remaining()).isEqualTo(((LimitDecision.Allowed) here).remaining() - 1);
	}

	private List<LimitDecision> failTimes(LimitPolicy policy, String key, int times) {
		List<LimitDecision> decisions = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			this.limiter.reserve(policy, key);
			decisions.add(this.limiter.fail(policy, key));
		}
		return decisions;
	}

}
