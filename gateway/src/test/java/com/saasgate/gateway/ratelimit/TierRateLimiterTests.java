package com.saasgate.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.saasgate.devsupport.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limiter on its own, on the embedded Redis with the production time-out (100 ms): a Redis that
 * stops answering (DEBUG SLEEP) costs each request at most the time-out, and the in-memory bucket
 * keeps the limit.
 */
class TierRateLimiterTests {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final RateLimitProperties properties = new RateLimitProperties(
			new RateLimitProperties.Fallback(60, 2, 300, 1000), Duration.ofHours(1), Duration.ofHours(1),
			Duration.ofMillis(100), Duration.ofSeconds(5), 1000, TestInfrastructure.redisUrl(), "http://app/billing");

	private final TierRateLimiter limiter = new TierRateLimiter(new PlanLimits(this.properties), this.properties,
			this.meters);

	@AfterEach
	void close() {
		this.limiter.destroy();
	}

	@Test
	void takeWhenRedisHasForgottenTheScriptThenLoadsItAgainAndStillDecidesInRedis() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.limiter.take("warm-up", "pro").block() != null
				&& this.meters.get("redis_errors").counter().count() == 0);
		String user = UUID.randomUUID().toString();
		RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
		try (StatefulRedisConnection<String, String> other = client.connect()) {
			// What a Redis restart or failover does to the script cache.
			other.sync().scriptFlush();

			Decision first = this.limiter.take(user, "free_restricted").block(Duration.ofSeconds(5));
			Decision second = this.limiter.take(user, "free_restricted").block(Duration.ofSeconds(5));

			assertThat(this.meters.get("redis_errors").counter().count()).isZero();
			assertThat(first.remaining()).isEqualTo(1);
			assertThat(second.remaining()).isZero();
			assertThat(other.sync().hget(RedisTokenBuckets.KEY_PREFIX + user, "tokens")).isNotNull();
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void takeWhenRedisStopsAnsweringThenDecidedLocallyWithinTheTimeoutAndStillLimited() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.limiter.take("warm-up", "pro").block() != null
				&& this.meters.get("redis_errors").counter().count() == 0);
		String user = UUID.randomUUID().toString();
		List<Decision> decisions = new ArrayList<>();
		RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
		try (StatefulRedisConnection<String, String> other = client.connect()) {
			other.async().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add("3"));

			await().atMost(Duration.ofSeconds(3)).until(() -> {
				// block(Duration): a call that waited on the sleeping Redis would fail here
				decisions.add(this.limiter.take(user, "free_restricted").block(Duration.ofMillis(1500)));
				return this.meters.get("redis_errors").counter().count() >= 3;
			});
			// Queued behind the sleep: returns once Redis answers again, for the test classes after this one.
			other.sync().ping();
		}
		finally {
			client.shutdown();
		}

		assertThat(decisions).hasSizeGreaterThanOrEqualTo(3);
		assertThat(decisions).filteredOn(Decision::allowed).hasSizeLessThanOrEqualTo(2);
		assertThat(decisions.get(decisions.size() - 1).allowed()).isFalse();
		assertThat(decisions.get(decisions.size() - 1).limit()).isEqualTo(2);
	}

}
