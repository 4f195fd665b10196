package com.saasgate.authbilling.billing;

import com.saasgate.authbilling.auth.AuthenticatedUser;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The user's billing calls; the security rules let only a user with a valid access token reach them. */
@RestController
class BillingController {

	private final BillingService billing;

	BillingController(BillingService billing) {
		this.billing = billing;
	}

	@PostMapping("/billing/checkout")
	BillingResponses.SessionUrl checkout(AuthenticatedUser user, @RequestBody CheckoutRequest request) {
		return new BillingResponses.SessionUrl(this.billing.checkout(user.userId(), request.tier()));
	}

	@PostMapping("/billing/portal")
	BillingResponses.SessionUrl portal(AuthenticatedUser user) {
		return new BillingResponses.SessionUrl(this.billing.portal(user.userId()));
	}

	@GetMapping("/billing/subscription")
	BillingResponses.SubscriptionView subscription(AuthenticatedUser user) {
		return this.billing.subscription(user.userId());
	}

	/** {@code {tier}}: {@code basic} or {@code pro}. */
	@Schema(requiredProperties = "tier")
	record CheckoutRequest(@Schema(ref = "Tier", description = "a paid tier: basic or pro") String tier) {
	}

}
