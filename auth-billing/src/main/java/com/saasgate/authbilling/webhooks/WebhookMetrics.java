package com.saasgate.authbilling.webhooks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code stripe_webhook_total{type,status}}: deliveries by outcome. {@code type} is one of the handled
 * types or {@code other} (unknown types and deliveries whose signature failed, whose type is not to
 * be believed), so a sender cannot create series at will.
 */
@Component
class WebhookMetrics {

	/** The event types the suite acts on (API contract section 3). */
	static final List<String> HANDLED_TYPES = List.of("checkout.session.completed", "customer.subscription.created",
			"customer.subscription.updated", "customer.subscription.deleted", "customer.subscription.trial_will_end",
			"invoice.paid", "invoice.payment_failed");

	static final String OTHER = "other";

	/**
	 * The intake's outcomes ({@code stored} ... {@code invalid_payload}) and the applier's:
	 * {@code applied}, {@code ignored} (no handler), {@code retried} (a failed try, to be retried) and
	 * {@code failed} (out of tries, waiting for an operator).
	 */
	enum Status {

		STORED, DUPLICATE, INVALID_SIGNATURE, INVALID_PAYLOAD, APPLIED, IGNORED, RETRIED, FAILED;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	WebhookMetrics(MeterRegistry meters) {
		this.meters = meters;
		// every series from start-up at 0 (api-contract section 7): 8 types by 8 outcomes
		for (String type : HANDLED_TYPES) {
			for (Status status : Status.values()) {
				count(type, status, 0);
			}
		}
		for (Status status : Status.values()) {
			count(OTHER, status, 0);
		}
	}

	void count(String type, Status status) {
		count(type, status, 1);
	}

	private void count(String type, Status status, double amount) {
		String tag = HANDLED_TYPES.contains(type) ? type : OTHER;
		this.counters.computeIfAbsent(tag + " " + status.tag(), (key) -> Counter.builder("stripe.webhook")
			.description("Stripe webhook deliveries by event type and outcome")
			.tag("type", tag)
			.tag("status", status.tag())
			.register(this.meters)).increment(amount);
	}

}
