package com.saasgate.authbilling.billing;

/**
 * What other modules may know of the Stripe connection besides the {@code StripeClient} bean itself:
 * whether it can work at all.
 */
public interface StripeConnection {

	/** False when {@code STRIPE_SECRET_KEY} is not set: every call would fail, so callers skip them. */
	boolean configured();

}
