package com.saasgate.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.saasgate.security.contract.Tier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-user rate limit. The limits themselves come from auth-billing's {@code GET /billing/plans}
 * ({@code limits.requestsPerMinute} of each tier); {@code fallback} is used only until that first
 * answers.
 *
 * @param fallback {@code GATEWAY_RATE_LIMIT_<TIER>}, requests per minute per tier before the plans
 * are loaded; defaults 60 (free_trial), 10 (free_restricted), 300 (basic), 1000 (pro), as auth-billing's
 * plan defaults
 * @param plansRefresh {@code GATEWAY_PLANS_REFRESH}, how often the plans are loaded again; default
 * {@code 60s}
 * @param plansRetry {@code GATEWAY_PLANS_RETRY}, how soon a failed load is tried again; default {@code 5s}
 * @param redisTimeout {@code GATEWAY_RATE_LIMIT_REDIS_TIMEOUT}, the longest a bucket call to Redis may
 * take before the in-memory bucket decides instead; default {@code 100ms}
 * @param redisRetry {@code GATEWAY_RATE_LIMIT_REDIS_RETRY}, how long Redis is left alone once its
 * circuit breaker opened; default {@code 5s}
 * @param localMaxBuckets {@code GATEWAY_RATE_LIMIT_LOCAL_MAX_BUCKETS}, the most users the in-memory
 * fallback holds buckets for; default {@code 100000}
 * @param redisUrl {@code REDIS_URL}; default {@code redis://localhost:6379}
 * @param upgradeUrl {@code GATEWAY_UPGRADE_URL}, the {@code upgradeUrl} of a 429 body; default
 * {@code FRONTEND_URL} + {@code /billing}
 */
@ConfigurationProperties("gateway.rate-limit")
@Validated
record RateLimitProperties(@Valid @NotNull Fallback fallback,
		@NotNull(message = "GATEWAY_PLANS_REFRESH must be set") @DefaultValue("60s") Duration plansRefresh,
		@NotNull(message = "GATEWAY_PLANS_RETRY must be set") @DefaultValue("5s") Duration plansRetry,
		@NotNull(message = "GATEWAY_RATE_LIMIT_REDIS_TIMEOUT must be set") @DefaultValue("100ms") Duration redisTimeout,
		@NotNull(message = "GATEWAY_RATE_LIMIT_REDIS_RETRY must be set") @DefaultValue("5s") Duration redisRetry,
		@Positive(message = "GATEWAY_RATE_LIMIT_LOCAL_MAX_BUCKETS must be positive") @DefaultValue("100000") long localMaxBuckets,
		@NotBlank(message = "REDIS_URL must not be blank") @DefaultValue("redis://localhost:6379") String redisUrl,
		@NotBlank(message = "GATEWAY_UPGRADE_URL must not be blank") @DefaultValue("http://localhost:3000/billing") String upgradeUrl) {

	/** Requests per minute per tier until the plans are loaded. */
	record Fallback(@Positive(message = "GATEWAY_RATE_LIMIT_FREE_TRIAL must be positive") @DefaultValue("60") int freeTrial,
			@Positive(message = "GATEWAY_RATE_LIMIT_FREE_RESTRICTED must be positive") @DefaultValue("10") int freeRestricted,
			@Positive(message = "GATEWAY_RATE_LIMIT_BASIC must be positive") @DefaultValue("300") int basic,
			@Positive(message = "GATEWAY_RATE_LIMIT_PRO must be positive") @DefaultValue("1000") int pro) {

		Map<String, Integer> byTier() {
			return Map.of(Tier.FREE_TRIAL.value(), this.freeTrial, Tier.FREE_RESTRICTED.value(), this.freeRestricted,
					Tier.BASIC.value(), this.basic, Tier.PRO.value(), this.pro);
		}

	}

	@Override
	public String toString() {
		// The URL may hold a password.
		return "RateLimitProperties[fallback=" + this.fallback + ", plansRefresh=" + this.plansRefresh
				+ ", redisTimeout=" + this.redisTimeout + ", redisRetry=" + this.redisRetry + ", localMaxBuckets="
				+ this.localMaxBuckets + "]";
	}

}
