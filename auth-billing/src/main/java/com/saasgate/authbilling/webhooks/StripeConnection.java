package com.saasgate.authbilling.webhooks;

/**
 * What the webhooks module needs to know of the Stripe connection besides the {@code StripeClient}
 * bean itself: whether it can work at all. Billing owns the connection and provides this bean
 * (webhooks declares what it needs, so billing depends on webhooks and not the other way round).
 */
public interface StripeConnection {

	/** False when {@code STRIPE_SECRET_KEY} is not set: every call would fail, so callers skip them. */
	boolean configured();

}
