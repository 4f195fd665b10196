package com.saasgate.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The per-instance fallback while Redis cannot be used: the same token bucket as
 * {@link RedisTokenBuckets} (capacity = requests per minute, refilled evenly over a minute), held in a
 * bounded Caffeine map. A bucket idle for a whole window is full again anyway, so it may be evicted
 * after that without changing any answer; when the map is full the least recently used go first,
 * which at worst gives an evicted user a full bucket again, never an unlimited one.
 */
final class LocalTokenBuckets {

	private final Cache<String, Bucket> buckets;

	private final Ticker ticker;

	LocalTokenBuckets(long maxBuckets, Ticker ticker) {
		this.ticker = ticker;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.expireAfterAccess(RedisTokenBuckets.WINDOW.multipliedBy(2))
			.ticker(ticker)
			.build();
	}

	Decision take(String key, int capacity) {
		return this.buckets.get(key, (k) -> new Bucket(capacity, this.ticker.read())).take(capacity, this.ticker.read());
	}

	long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private static final class Bucket {

		private double tokens;

		private long updatedNanos;

		Bucket(int capacity, long now) {
			this.tokens = capacity;
			this.updatedNanos = now;
		}

		synchronized Decision take(int capacity, long now) {
			double perNano = capacity / (double) RedisTokenBuckets.WINDOW.toNanos();
			long elapsed = Math.max(0, now - this.updatedNanos);
			this.tokens = Math.min(capacity, this.tokens + elapsed * perNano);
			this.updatedNanos = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return new Decision(true, capacity, (long) Math.floor(this.tokens), 0);
			}
			long waitNanos = (long) Math.ceil((1 - this.tokens) / perNano);
			return new Decision(false, capacity, 0, Math.max(1, Duration.ofNanos(waitNanos).toMillis()));
		}

	}

}
