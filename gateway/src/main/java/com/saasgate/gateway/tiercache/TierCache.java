package com.saasgate.gateway.tiercache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import com.saasgate.security.contract.TierChangedMessage;

import org.springframework.stereotype.Component;

/**
 * userId → {@link CachedTier}, bounded and expiring after the TTL. Concurrent requests for one user
 * share one load. Versions only go forward: {@link #apply} remembers the highest version announced per
 * user, a message no newer than that or than the cached entry changes nothing, and a load that comes
 * back older than an announced version (it raced the change) is replaced by the message's own entry,
 * or, for a trial (whose end the message lacks), repeated; it is never used.
 */
@Component
class TierCache {

	/** Reloads of a load that came back older than an announced version, before giving up. */
	private static final int STALE_RELOADS = 2;

	/** Announced versions outlive entries so that a late, older message is still recognised. */
	private static final Duration MIN_FLOOR_LIFETIME = Duration.ofMinutes(5);

	private final AsyncCache<UUID, CachedTier> entries;

	private final Cache<UUID, TierChangedMessage> announced;

	private final TierLoader loader;

	private final Counter invalidations;

	private final Counter flushes;

	TierCache(TierCacheProperties properties, TierLoader loader, MeterRegistry meters) {
		this.entries = Caffeine.newBuilder()
			.maximumSize(properties.maxSize())
			.expireAfterWrite(properties.ttl())
			.buildAsync();
		Duration floorLifetime = (properties.ttl().compareTo(MIN_FLOOR_LIFETIME) > 0) ? properties.ttl()
				: MIN_FLOOR_LIFETIME;
		this.announced = Caffeine.newBuilder()
			.maximumSize(properties.maxSize())
			.expireAfterWrite(floorLifetime)
			.build();
		this.loader = loader;
		this.invalidations = Counter.builder("tier_cache_invalidations")
			.description("user_tier_changed messages that replaced or dropped a cached tier")
			.register(meters);
		this.flushes = Counter.builder("tier_cache_flushes")
			.description("Whole-cache flushes, one per (re)connection of the user_tier_changed subscription")
			.register(meters);
	}

	/** The user's tier, from the cache or one load shared by every concurrent caller. */
	Mono<CachedTier> get(UUID userId) {
		// suppressCancel: a client that goes away must not cancel the load other requests wait for.
		return Mono.fromFuture(() -> this.entries.get(userId, (id, executor) -> load(id, STALE_RELOADS)), true);
	}

	/** Applies a message; false when it is no newer than what is known (late or repeated). */
	boolean apply(TierChangedMessage message) {
		AtomicBoolean newer = new AtomicBoolean();
		this.announced.asMap().compute(message.userId(), (id, known) -> {
			if (known != null && known.version() >= message.version()) {
				return known;
			}
			newer.set(true);
			return message;
		});
		if (!newer.get()) {
			return false;
		}
		AtomicBoolean changed = new AtomicBoolean();
		this.entries.asMap().compute(message.userId(), (id, current) -> {
			CachedTier cached = completed(current);
			if (cached != null && cached.version() >= message.version()) {
				return current;
			}
			Optional<CachedTier> announced = CachedTier.announcedBy(message);
			changed.set(current != null || announced.isPresent());
			return announced.map(CompletableFuture::completedFuture).orElse(null);
		});
		if (changed.get()) {
			this.invalidations.increment();
		}
		return changed.get();
	}

	/** Drops every entry: messages may have been missed. */
	void flush() {
		this.entries.synchronous().invalidateAll();
		this.flushes.increment();
	}

	private CompletableFuture<CachedTier> load(UUID userId, int reloadsLeft) {
		return this.loader.load(userId).toFuture().thenCompose((loaded) -> {
			TierChangedMessage known = this.announced.getIfPresent(userId);
			if (known == null || loaded.version() >= known.version()) {
				return CompletableFuture.completedFuture(loaded);
			}
			// The load raced a change: the message's own entry when it has one, else ask again.
			Optional<CachedTier> announced = CachedTier.announcedBy(known);
			if (announced.isPresent()) {
				return CompletableFuture.completedFuture(announced.get());
			}
			if (reloadsLeft == 0) {
				return CompletableFuture.failedFuture(new IllegalStateException(
						"auth-billing keeps answering version " + loaded.version() + " after " + known.version()));
			}
			return load(userId, reloadsLeft - 1);
		});
	}

	private static CachedTier completed(CompletableFuture<CachedTier> future) {
		if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
			return null;
		}
		return future.join();
	}

}
