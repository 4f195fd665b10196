package com.saasgate.authbilling.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts attempts per {@link LimitPolicy} and key (a normalised email or IP address, which is hashed
 * before it is stored) across all replicas through Redis. Login {@link #reserve reserves} an attempt
 * before verifying a password, so that guesses in flight count at once, then {@link #fail confirms} a
 * wrong one or {@link #release gives back} a right one; plain rate limits use {@link #tryAcquire}.
 * <p>
 * Every Redis call goes through a circuit breaker. When a call fails, or the breaker is open, the same
 * operation runs against an in-memory limiter on this instance: during an outage each replica limits on
 * its own (so a client may get up to {@code maxAttempts} per replica), but never without a limit. When
 * the breaker closes again Redis is used again; the in-memory counts are not merged back, which at most
 * grants a fresh budget once per outage. Each failed Redis call increments {@code redis_errors_total}
 * with tag {@code operation}, and {@code limits_redis_available} is 1 while the breaker lets calls
 * through.
 * <p>
 * Fallback is only quick if Redis calls fail quickly: production should keep
 * {@code spring.data.redis.timeout} (the command timeout) and {@code spring.data.redis.connect-timeout}
 * short, around 500ms and 1s, because until the breaker opens each login waits out the timeout.
 */
public final class AttemptLimiter {

	/** How long the breaker stays open before it lets a few trial calls through to Redis. */
	static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(15);

	private static final Logger logger = LoggerFactory.getLogger(AttemptLimiter.class);

	private final AttemptStore redis;

	private final AttemptStore memory;

	private final CircuitBreaker breaker;

	private final Map<Operation, Counter> redisErrors = new EnumMap<>(Operation.class);

	public AttemptLimiter(StringRedisTemplate redis, MeterRegistry meters, Clock clock) {
		this(redis, meters, clock, DEFAULT_BREAKER_OPEN_FOR);
	}

	AttemptLimiter(StringRedisTemplate redis, MeterRegistry meters, Clock clock, Duration breakerOpenFor) {
		this.redis = new RedisAttemptStore(redis);
		this.memory = new InMemoryAttemptStore(clock, InMemoryAttemptStore.DEFAULT_MAX_ENTRIES);
		this.breaker = CircuitBreaker.of("limits-redis", breakerConfig(breakerOpenFor));
		this.breaker.getEventPublisher().onStateTransition((event) -> logTransition(event.getStateTransition()));
		for (Operation operation : Operation.values()) {
			this.redisErrors.put(operation, Counter.builder("redis.errors")
				.description("Failed Redis calls")
				.tag("operation", operation.tag)
				.register(meters));
		}
		Gauge.builder("limits.redis.available", this, (limiter) -> limiter.redisAvailable() ? 1 : 0)
			.description("1 while login limits are counted in Redis, 0 while each instance counts in memory")
			.register(meters);
	}

	/**
	 * Count-based window of the last 10 calls; from the 4th call on, 50% failures open the breaker, so
	 * an outage flips it after a handful of logins. The scheduled move to half-open keeps
	 * {@link #redisAvailable()} honest when no logins arrive.
	 */
	static CircuitBreakerConfig breakerConfig(Duration openFor) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(10)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(2)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.writableStackTraceEnabled(false)
			.build();
	}

	/**
	 * Reserves one attempt before it is made (a password about to be checked): allowed while the key is
	 * not locked and its budget is not taken by failures and attempts in flight, blocked otherwise. An
	 * allowed reservation must end in {@link #fail} or {@link #release}.
	 */
	public LimitDecision reserve(LimitPolicy policy, String key) {
		String keyHash = KeyHash.of(key);
		return call(Operation.RESERVE, (store) -> store.reserve(policy, keyHash)).permit(policy);
	}

	/** The reserved attempt failed; {@link LimitDecision.Blocked} once this failure locks the key. */
	public LimitDecision fail(LimitPolicy policy, String key) {
		String keyHash = KeyHash.of(key);
		return call(Operation.FAIL, (store) -> store.fail(policy, keyHash)).decision(policy);
	}

	/** The reserved attempt is given back: it succeeded, or was never made. */
	public void release(LimitPolicy policy, String key) {
		String keyHash = KeyHash.of(key);
		call(Operation.RELEASE, (store) -> {
			store.release(policy, keyHash);
			return Attempts.NONE;
		});
	}

	/**
	 * Counts one attempt and answers whether it may go ahead: the attempts up to and including
	 * {@code maxAttempts} are allowed, the last of them locks the key, and attempts while it is locked are
	 * blocked without being counted.
	 */
	public LimitDecision tryAcquire(LimitPolicy policy, String key) {
		String keyHash = KeyHash.of(key);
		return call(Operation.TRY_ACQUIRE, (store) -> store.count(policy, keyHash)).permit(policy);
	}

	/** Clears the key's count and lock, after a successful login. */
	public void reset(LimitPolicy policy, String key) {
		String keyHash = KeyHash.of(key);
		// Memory too: a lock left there by an outage must not catch this user in the next one.
		this.memory.clear(policy, keyHash);
		call(Operation.RESET, (store) -> {
			store.clear(policy, keyHash);
			return Attempts.NONE;
		});
	}

	/** False while the breaker is open, that is while every instance limits on its own. */
	public boolean redisAvailable() {
		CircuitBreaker.State state = this.breaker.getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	private static void logTransition(CircuitBreaker.StateTransition transition) {
		if (transition.getToState() == CircuitBreaker.State.OPEN) {
			logger.warn("Redis circuit for attempt limits is open: each instance now limits in memory on its own");
		}
		else {
			logger.info("Redis circuit for attempt limits: {}", transition);
		}
	}

	private Attempts call(Operation operation, Function<AttemptStore, Attempts> action) {
		try {
			return this.breaker.executeSupplier(() -> action.apply(this.redis));
		}
		catch (CallNotPermittedException ex) {
			return action.apply(this.memory);
		}
		catch (RuntimeException ex) {
			this.redisErrors.get(operation).increment();
			logger.warn("Redis call {} failed, limiting in memory on this instance: {}", operation.tag,
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
			logger.debug("Redis call {} failed", operation.tag, ex);
			return action.apply(this.memory);
		}
	}

	private enum Operation {

		RESERVE("limits_reserve"), FAIL("limits_fail"), RELEASE("limits_release"), TRY_ACQUIRE("limits_try_acquire"),
		RESET("limits_reset");

		private final String tag;

		Operation(String tag) {
			this.tag = tag;
		}

	}

}
