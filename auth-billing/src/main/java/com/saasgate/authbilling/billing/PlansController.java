package com.saasgate.authbilling.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /billing/plans}: public, so a pricing page needs no login. */
@RestController
class PlansController {

	private final Plans plans;

	PlansController(Plans plans) {
		this.plans = plans;
	}

	@GetMapping("/billing/plans")
	List<PlanResponse> plans() {
		return this.plans.all().stream().map(PlanResponse::of).toList();
	}

	/** A plan as the contract shows it; {@code limits} holds the rate limit and each monthly quota. */
	@Schema(requiredProperties = { "tier", "name", "priceId", "monthlyPrice", "currency", "limits" })
	record PlanResponse(@Schema(ref = "Tier") String tier, String name,
			@Schema(types = { "string", "null" }, description = "Stripe's price; null for a tier not sold here")
			String priceId, @Schema(minimum = "0", description = "in minor units of currency (cents)") long monthlyPrice,
			@Schema(description = "ISO 4217, lower case") String currency,
			@Schema(ref = "PlanLimits") Map<String, Object> limits) {

		static PlanResponse of(Plan plan) {
			Map<String, Object> limits = new LinkedHashMap<>();
			limits.put("requestsPerMinute", plan.requestsPerMinute());
			Plan.RESOURCE_TYPES.forEach((type) -> limits.put(type, plan.monthlyQuotas().get(type)));
			return new PlanResponse(plan.tier().value(), plan.name(), plan.priceId().orElse(null), plan.monthlyPrice(),
					plan.currency(), limits);
		}

	}

}
