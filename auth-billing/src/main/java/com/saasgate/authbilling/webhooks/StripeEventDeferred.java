package com.saasgate.authbilling.webhooks;

/**
 * An event that cannot be applied yet, e.g. a subscription of a customer no user is linked to while
 * the checkout that links them is still on its way. The applier records the reason and tries again
 * with back-off; after the last attempt the event is {@code failed}, for an operator to replay.
 */
public class StripeEventDeferred extends RuntimeException {

	public StripeEventDeferred(String reason) {
		super(reason);
	}

}
