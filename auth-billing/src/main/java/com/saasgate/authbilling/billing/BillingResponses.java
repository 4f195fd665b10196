package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.util.Optional;


import com.saasgate.security.contract.Tier;

import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies of the billing answers. */
final class BillingResponses {

	private BillingResponses() {
	}

	/** {@code {url}}: where to send the browser (Checkout or the portal). */
	@Schema(requiredProperties = "url")
	record SessionUrl(@Schema(format = "uri") String url) {
	}

	/**
	 * The user's plan and subscription. {@code status} is Stripe's status of the user's current
	 * subscription (the live one, else the newest), or {@code none} when there was never one;
	 * {@code trialEndsAt} is a Stripe trial's end when the subscription is trialing, else the free
	 * trial's end while the user is on {@code free_trial}, else null.
	 */
	@Schema(requiredProperties = { "tier", "effectiveTier", "status", "currentPeriodEnd", "cancelAtPeriodEnd",
			"trialEndsAt" })
	record SubscriptionView(@Schema(ref = "Tier") String tier, @Schema(ref = "Tier") String effectiveTier,
			@Schema(description = "Stripe's subscription status (active, trialing, past_due, canceled, ...) or none")
			String status,
			@Schema(types = { "string", "null" }, format = "date-time") Instant currentPeriodEnd,
			boolean cancelAtPeriodEnd, @Schema(types = { "string", "null" }, format = "date-time") Instant trialEndsAt) {

		static final String NO_SUBSCRIPTION = "none";

		static SubscriptionView of(BillingUser user, Tier effective, Optional<Subscription> subscription) {
			Instant freeTrialEnd = (user.tier() == Tier.FREE_TRIAL) ? user.trialEndsAt() : null;
			if (subscription.isEmpty()) {
				return new SubscriptionView(user.tier().value(), effective.value(), NO_SUBSCRIPTION, null, false,
						freeTrialEnd);
			}
			Subscription s = subscription.get();
			Instant trialEndsAt = "trialing".equals(s.status()) ? s.trialEnd() : freeTrialEnd;
			return new SubscriptionView(user.tier().value(), effective.value(), s.status(), s.currentPeriodEnd(),
					s.cancelAtPeriodEnd(), trialEndsAt);
		}

	}

}
