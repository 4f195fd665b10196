package com.saasgate.gateway.ratelimit;

import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Decides whether a user's request fits their tier's requests per minute: in the bucket all replicas
 * share in Redis, or, when Redis fails, is slower than {@code GATEWAY_RATE_LIMIT_REDIS_TIMEOUT} or its
 * circuit breaker is open, in this instance's own bucket with the same limit. It never lets a request
 * through unlimited (Spring Cloud Gateway's {@code RedisRateLimiter} does on any Redis error). While
 * the breaker is open Redis is not tried at all for {@code GATEWAY_RATE_LIMIT_REDIS_RETRY}; then a few
 * trial calls decide whether the shared bucket is back. Every request also takes from the local bucket,
 * so that the fallback always knows this instance's own traffic.
 */
@Component
class TierRateLimiter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TierRateLimiter.class);

	private final PlanLimits limits;

	private final RedisTokenBuckets redis;

	private final LocalTokenBuckets local;

	private final CircuitBreaker breaker;

	private final Counter redisErrors;

	TierRateLimiter(PlanLimits limits, RateLimitProperties properties, MeterRegistry meters) {
		this.limits = limits;
		this.redis = new RedisTokenBuckets(properties.redisUrl(), properties.redisTimeout());
		this.local = new LocalTokenBuckets(properties.localMaxBuckets(), Ticker.systemTicker());
		this.breaker = CircuitBreaker.of("rate-limit-redis", CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(20)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.slowCallDurationThreshold(properties.redisTimeout())
			.waitDurationInOpenState(properties.redisRetry())
			.permittedNumberOfCallsInHalfOpenState(3)
			.build());
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> log.warn("Rate limit on Redis: {}; {}", event.getStateTransition(),
					shared() ? "buckets are shared again" : "each instance limits with its own buckets meanwhile"));
		this.redisErrors = Counter.builder("redis_errors")
			.tag("operation", "rate_limit")
			.description("Redis calls that failed or timed out")
			.register(meters);
	}

	/** Takes one request from the user's bucket for their tier. */
	Mono<Decision> take(String userId, String tier) {
		int capacity = this.limits.requestsPerMinute(tier);
		// Every request takes from this instance's bucket as it arrives, whatever Redis answers: when a
		// fallback is needed (a timeout in a burst, an outage), it starts from what this instance has
		// already let through, not from a full bucket.
		Decision local = this.local.take(userId, capacity);
		if (!this.breaker.tryAcquirePermission()) {
			return Mono.just(local);
		}
		long start = System.nanoTime();
		// Bounded by the Lettuce client's own command time-out (GATEWAY_RATE_LIMIT_REDIS_TIMEOUT): a Reactor
		// timeout() on top would schedule a second timer per request.
		return this.redis.take(userId, capacity)
			.doOnNext((decision) -> this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS))
			.doOnCancel(this.breaker::releasePermission)
			.onErrorResume((ex) -> {
				this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
				this.redisErrors.increment();
				return Mono.just(local);
			});
	}

	/** True while decisions are made in Redis (the breaker is closed or trying it again). */
	boolean shared() {
		return this.breaker.getState() == CircuitBreaker.State.CLOSED
				|| this.breaker.getState() == CircuitBreaker.State.HALF_OPEN;
	}

	CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	@Override
	public void destroy() {
		this.redis.close();
	}

}
