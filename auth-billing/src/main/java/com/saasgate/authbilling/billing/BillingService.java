package com.saasgate.authbilling.billing;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.contract.Tier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checkout, the portal and the subscription view. Not transactional itself: a Stripe session is made
 * outside any transaction, and only the customer creation ({@link StripeCustomers}) holds one.
 */
@Service
class BillingService {

	private final Plans plans;

	private final Subscriptions subscriptions;

	private final StripeCustomers customers;

	private final BillingUserRepository users;

	private final StripeApi stripe;

	private final Clock clock;

	BillingService(Plans plans, Subscriptions subscriptions, StripeCustomers customers, BillingUserRepository users,
			StripeApi stripe, Clock clock) {
		this.plans = plans;
		this.subscriptions = subscriptions;
		this.customers = customers;
		this.users = users;
		this.stripe = stripe;
		this.clock = clock;
	}

	/** The URL of a new Checkout Session for a paid tier. */
	String checkout(UUID userId, String tierName) {
		Tier tier = paidTier(tierName);
		if (this.subscriptions.hasLive(userId)) {
			throw new ApiException(HttpStatus.CONFLICT, "already_subscribed",
					"You already have a subscription; change plans in the billing portal.");
		}
		Optional<String> priceId = this.plans.plan(tier).priceId();
		if (priceId.isEmpty()) {
			// A deployment without STRIPE_PRICE_<TIER> cannot sell it; logged at start-up.
			throw StripeApi.unavailable();
		}
		String customerId = this.customers.customerFor(userId);
		return this.stripe.createCheckoutSession(userId, customerId, priceId.get());
	}

	/** The URL of a new Billing Portal session for the user's customer. */
	String portal(UUID userId) {
		BillingUser user = this.users.findById(userId).orElseThrow(StripeCustomers::unknownUser);
		String customerId = user.stripeCustomerId()
			.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "no_customer",
					"There is no billing account yet; subscribe through checkout first."));
		return this.stripe.createPortalSession(customerId);
	}

	BillingResponses.SubscriptionView subscription(UUID userId) {
		BillingUser user = this.users.findById(userId).orElseThrow(StripeCustomers::unknownUser);
		Tier effective = Tier.effective(user.tier(), user.trialEndsAt(), this.clock.instant());
		Optional<Subscription> current = this.subscriptions.current(userId);
		return BillingResponses.SubscriptionView.of(user, effective, current);
	}

	private static Tier paidTier(String name) {
		Tier tier;
		try {
			tier = Tier.of(name);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest("tier must be one of basic, pro");
		}
		if (tier != Tier.BASIC && tier != Tier.PRO) {
			throw ApiException.invalidRequest("tier must be one of basic, pro; free tiers need no checkout");
		}
		return tier;
	}

}
