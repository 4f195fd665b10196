package com.saasgate.authbilling.billing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.billing.BillingProperties.PlanSettings;
import com.saasgate.security.contract.Tier;

import org.springframework.stereotype.Component;

/**
 * The plans of the tiers, from configuration ({@code billing.plans}). Other modules ask it for a tier's
 * limits and, for a Stripe price, the tier it buys.
 */
@Component
public final class Plans {

	private static final Logger logger = LoggerFactory.getLogger(Plans.class);

	private final Map<Tier, Plan> plans = new EnumMap<>(Tier.class);

	private final Counter unknownPrices;

	Plans(BillingProperties properties, MeterRegistry meters) {
		properties.plans().byTier().forEach((tier, settings) -> this.plans.put(tier, plan(tier, settings)));
		this.unknownPrices = Counter.builder("stripe.unknown.price")
			.description("Stripe prices that map to no configured tier")
			.register(meters);
		for (Tier tier : List.of(Tier.BASIC, Tier.PRO)) {
			if (this.plans.get(tier).priceId().isEmpty()) {
				logger.warn("No Stripe price for tier {} (STRIPE_PRICE_{}): it cannot be bought", tier.value(),
						tier.name());
			}
		}
	}

	/** Every plan, in tier order. */
	public List<Plan> all() {
		return List.copyOf(this.plans.values());
	}

	public Plan plan(Tier tier) {
		return this.plans.get(tier);
	}

	/**
	 * The tier a Stripe price buys. A price that is not configured is never guessed into a tier: it is
	 * logged and counted ({@code stripe_unknown_price_total}), and the answer is empty.
	 */
	public Optional<Tier> tierForPrice(String priceId) {
		if (priceId != null && !priceId.isBlank()) {
			for (Plan plan : this.plans.values()) {
				if (plan.priceId().filter(priceId::equals).isPresent()) {
					return Optional.of(plan.tier());
				}
			}
		}
		logger.warn("Stripe price {} is not the price of any tier", priceId);
		this.unknownPrices.increment();
		return Optional.empty();
	}

	private static Plan plan(Tier tier, PlanSettings settings) {
		Map<String, Long> quotas = Map.of("llm_tokens", settings.llmTokens(), "memory_storage",
				settings.memoryStorage(), "agent_minutes", settings.agentMinutes());
		Optional<String> priceId = Optional.ofNullable(settings.priceId()).filter((id) -> !id.isBlank());
		return new Plan(tier, settings.name(), priceId, settings.monthlyPrice(), settings.currency(),
				settings.requestsPerMinute(), quotas);
	}

}
