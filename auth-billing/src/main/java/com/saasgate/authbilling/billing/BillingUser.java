package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.security.contract.Tier;


/** The columns of {@code users} billing reads. */
record BillingUser(UUID id, String email, Tier tier, Instant trialEndsAt, Optional<String> stripeCustomerId) {

	@Override
	public String toString() {
		return "BillingUser[id=" + this.id + "]";
	}

}
