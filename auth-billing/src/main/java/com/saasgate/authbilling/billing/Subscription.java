package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.saasgate.security.contract.Tier;


/**
 * A Stripe subscription as the webhooks last reported it (a row of {@code subscriptions}).
 *
 * @param id Stripe's id ({@code sub_...})
 * @param userId whose it is
 * @param customerId the Stripe customer ({@code cus_...})
 * @param status Stripe's status ({@code trialing}, {@code active}, {@code past_due}, {@code canceled},
 * {@code unpaid}, {@code incomplete}, {@code incomplete_expired}, {@code paused})
 * @param priceId the price of its item
 * @param tier the tier that price buys; empty for a price no tier has ({@link Plans#tierForPrice})
 * @param currentPeriodStart start of the billing period
 * @param currentPeriodEnd end of the billing period
 * @param cancelAtPeriodEnd whether it ends at the period's end
 * @param trialEnd end of a Stripe trial
 * @param canceledAt when it was canceled
 * @param stripeCreatedAt Stripe's {@code created}
 * @param lastEventAt {@code created} of the last event applied to the row; older events never
 * overwrite it
 */
public record Subscription(String id, UUID userId, String customerId, String status, String priceId,
		Optional<Tier> tier, Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
		Instant trialEnd, Instant canceledAt, Instant stripeCreatedAt, Instant lastEventAt) {

	/** Statuses of a subscription that is still being paid for, or about to be: a new checkout would bill twice. */
	public static final Set<String> LIVE_STATUSES = Set.of("trialing", "active", "past_due");

	public boolean live() {
		return LIVE_STATUSES.contains(this.status);
	}

}
