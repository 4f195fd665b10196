package com.saasgate.authbilling.billing;

import java.util.Map;
import java.util.Optional;

import com.saasgate.security.contract.Tier;


/**
 * What a tier gives and costs.
 *
 * @param tier the tier
 * @param name shown to users
 * @param priceId the Stripe price Checkout sells for it; empty for the free tiers (and for a paid tier
 * this deployment does not sell)
 * @param monthlyPrice in minor units of {@code currency} (cents)
 * @param currency ISO 4217, lower case
 * @param requestsPerMinute the rate limit at the gateway
 * @param monthlyQuotas the monthly quota of each resource type ({@link #RESOURCE_TYPES})
 */
public record Plan(Tier tier, String name, Optional<String> priceId, long monthlyPrice, String currency,
		int requestsPerMinute, Map<String, Long> monthlyQuotas) {

	/** The metered resource types, as usage and the API name them. */
	public static final java.util.List<String> RESOURCE_TYPES = java.util.List.of("llm_tokens", "memory_storage",
			"agent_minutes");

	public Plan {
		monthlyQuotas = Map.copyOf(monthlyQuotas);
	}

	/** The monthly quota of a resource type, or empty for a type that is not metered. */
	public Optional<Long> monthlyQuota(String resourceType) {
		return Optional.ofNullable(this.monthlyQuotas.get(resourceType));
	}

}
