package com.saasgate.gateway.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.saasgate.security.contract.Tier;

import org.springframework.stereotype.Component;

/**
 * Requests per minute per tier: the configured fallback until auth-billing's plans have been loaded
 * once, then the plans (the single source of truth), replaced whole on each refresh. A tier the
 * plans leave out keeps its previous value.
 */
@Component
class PlanLimits {

	private final AtomicReference<Map<String, Integer>> perTier;

	private volatile boolean loaded;

	PlanLimits(RateLimitProperties properties) {
		this.perTier = new AtomicReference<>(Map.copyOf(properties.fallback().byTier()));
	}

	/** Requests per minute for the tier ({@link Tier#orRestricted} first). */
	int requestsPerMinute(String tier) {
		return this.perTier.get().get(Tier.orRestricted(tier).value());
	}

	/** True once the plans were loaded from auth-billing. */
	boolean loaded() {
		return this.loaded;
	}

	void update(Map<String, Integer> fromPlans) {
		this.perTier.updateAndGet((current) -> {
			Map<String, Integer> next = new HashMap<>(current);
			fromPlans.forEach((tier, limit) -> {
				if (Tier.find(tier).isPresent() && limit != null && limit > 0) {
					next.put(tier, limit);
				}
			});
			return Map.copyOf(next);
		});
		this.loaded = true;
	}

}
