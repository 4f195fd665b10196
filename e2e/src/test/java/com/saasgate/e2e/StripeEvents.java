package com.saasgate.e2e;

import java.time.Instant;
import java.util.UUID;

/** Signed-ready Stripe event payloads for the cluster tests. */
final class StripeEvents {

	private StripeEvents() {
	}

	static String newEventId() {
		return "evt_cluster_" + UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * An active {@code customer.subscription.updated} for {@code price}, naming the user in its metadata
	 * as Checkout's {@code subscription_data.metadata} does, so it applies whatever else arrived first.
	 */
	static String subscriptionUpdated(String eventId, String userId, String price) {
		long now = Instant.now().getEpochSecond();
		String suffix = userId.replace("-", "").substring(0, 20);
		return """
				{"id": "%s", "object": "event", "api_version": "2025-11-17.clover", "created": %d,
				 "livemode": false, "type": "customer.subscription.updated",
				 "data": {"object": {"id": "sub_cl%s", "object": "subscription", "customer": "cus_cl%s",
				   "status": "active", "created": %d, "cancel_at_period_end": false,
				   "metadata": {"userId": "%s"},
				   "items": {"object": "list", "data": [{"id": "si_cl%s", "object": "subscription_item",
				     "price": {"id": "%s", "object": "price"}, "current_period_start": %d,
				     "current_period_end": %d}]}}}}
				""".formatted(eventId, now, suffix, suffix, now - 60, userId, suffix, price, now, now + 30 * 86_400);
	}

}
