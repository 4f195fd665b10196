package com.saasgate.gateway.quota;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * (user, resource) → the last quota answer, for {@code GATEWAY_QUOTA_CACHE_TTL}, bounded; concurrent
 * requests for one pair share one call. Failed calls are not kept. Entries of a user are dropped when
 * their tier changes or auth-billing announces that their quota ran out ({@link QuotaInvalidation}).
 */
@Component
class QuotaCache {

	record Key(UUID userId, String resourceType) {
	}

	private final AsyncCache<Key, QuotaAnswer> answers;

	private final QuotaClient client;

	/** Every resource type a route checks: the few a user's entries can be under. */
	private final Set<String> resourceTypes = ConcurrentHashMap.newKeySet();

	QuotaCache(QuotaProperties properties, QuotaClient client) {
		this.answers = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaxSize())
			.expireAfterWrite(properties.cacheTtl())
			.buildAsync();
		this.client = client;
	}

	void register(String resourceType) {
		this.resourceTypes.add(resourceType);
	}

	Mono<QuotaAnswer> get(UUID userId, String resourceType) {
		Key key = new Key(userId, resourceType);
		// suppressCancel: a client that goes away must not cancel the call others wait for.
		return Mono.fromFuture(() -> this.answers.get(key,
				(k, executor) -> this.client.quota(k.userId(), k.resourceType()).toFuture()), true);
	}

	void dropUser(UUID userId) {
		for (String resourceType : this.resourceTypes) {
			this.answers.synchronous().invalidate(new Key(userId, resourceType));
		}
	}

	void dropAll() {
		this.answers.synchronous().invalidateAll();
	}

}
