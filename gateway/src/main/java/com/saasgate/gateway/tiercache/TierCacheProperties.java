package com.saasgate.gateway.tiercache;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The user-tier cache.
 *
 * @param ttl {@code GATEWAY_TIER_CACHE_TTL}, how long a loaded tier is used without news from Redis;
 * default {@code 10s}
 * @param maxSize {@code GATEWAY_TIER_CACHE_MAX_SIZE}, the most users held; default {@code 100000}
 * @param loadTimeout {@code GATEWAY_TIER_LOAD_TIMEOUT}, how long a load from auth-billing may take;
 * default {@code 2s}
 * @param redisUrl {@code REDIS_URL}, where {@code user_tier_changed} is subscribed to; default
 * {@code redis://localhost:6379}
 */
@ConfigurationProperties("gateway.tier-cache")
@Validated
record TierCacheProperties(@NotNull(message = "GATEWAY_TIER_CACHE_TTL must be set") @DefaultValue("10s") Duration ttl,
		@Positive(message = "GATEWAY_TIER_CACHE_MAX_SIZE must be positive") @DefaultValue("100000") long maxSize,
		@NotNull(message = "GATEWAY_TIER_LOAD_TIMEOUT must be set") @DefaultValue("2s") Duration loadTimeout,
		@NotBlank(message = "REDIS_URL must not be blank") @DefaultValue("redis://localhost:6379") String redisUrl) {

	@Override
	public String toString() {
		// The URL may hold a password.
		return "TierCacheProperties[ttl=" + this.ttl + ", maxSize=" + this.maxSize + ", loadTimeout="
				+ this.loadTimeout + "]";
	}

}
