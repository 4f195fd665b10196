package com.saasgate.authbilling.webhooks;

import java.util.Set;

/**
 * Applies stored Stripe events of some types; implemented as a bean by the module that owns what the
 * events change (billing, for subscriptions and invoices). Called by the applier inside the
 * transaction that marks the event applied, exactly once per event id: a failure rolls back both, and
 * the event is retried with back-off.
 */
public interface StripeEventHandler {

	/** The event types handled; no two handlers share one. */
	Set<String> types();

	/**
	 * Applies one event.
	 * @throws StripeEventDeferred when the event cannot be applied yet (what it refers to has not
	 * arrived), to be retried with back-off like any failure
	 */
	void apply(StripeObjectFields event);

}
