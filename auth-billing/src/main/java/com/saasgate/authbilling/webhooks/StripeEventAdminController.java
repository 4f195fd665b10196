package com.saasgate.authbilling.webhooks;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of stored Stripe events under {@code /internal/stripe-events}, for the services in
 * {@code SERVICE_AUTH_ALLOWED_STRIPE_EVENTS} (default {@code ops}; the guard is the security
 * configuration's).
 */
@RestController
@RequestMapping("/internal/stripe-events")
class StripeEventAdminController {

	private final StripeEventAdmin admin;

	StripeEventAdminController(StripeEventAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	Map<String, List<StripeEventSummary>> list(@RequestParam(defaultValue = "failed") String status,
			@RequestParam(defaultValue = "100") int limit) {
		return Map.of("events", this.admin.withStatus(status, limit));
	}

	@PostMapping("/{id}/replay")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void replay(@PathVariable String id) {
		this.admin.replay(id);
	}

}
