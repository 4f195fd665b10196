package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.util.Optional;

import com.saasgate.authbilling.tier.Tier;

/** Bodies of the billing answers. */
final class BillingResponses {

	private BillingResponses() {
	}

	/** {@code {url}}: where to send the browser (Checkout or the portal). */
	record SessionUrl(String url) {
	}

	/**
	 * The user's plan and subscription. {@code status} is Stripe's status of the user's current
	 * subscription (the live one, else the newest), or {@code none} when there was never one;
	 * {@code trialEndsAt} is a Stripe trial's end when the subscription is trialing, else the free
	 * trial's end while the user is on {@code free_trial}, else null.
	 */
	record SubscriptionView(String tier, String effectiveTier, String status, Instant currentPeriodEnd,
			boolean cancelAtPeriodEnd, Instant trialEndsAt) {

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
