package com.saasgate.authbilling.webhooks;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/stripe-events/reconcile?since=&includeDelivered=}, for the services in
 * {@code SERVICE_AUTH_ALLOWED_STRIPE_EVENTS} (default {@code ops}): fetches from Stripe the events that
 * never arrived and stores them. {@code since} defaults to now less {@code STRIPE_RECONCILIATION_WINDOW};
 * {@code includeDelivered} (default false) lists every event of the window, not only those whose
 * delivery failed or is still retrying.
 */
@RestController
class StripeReconciliationController {

	private final ReconciliationCommand command;

	StripeReconciliationController(ReconciliationCommand command) {
		this.command = command;
	}

	@PostMapping("/internal/stripe-events/reconcile")
	ReconciliationResult reconcile(@RequestParam(required = false) String since,
			@RequestParam(defaultValue = "false") boolean includeDelivered) {
		return this.command.run(since, includeDelivered);
	}

}
