package com.saasgate.authbilling.trial;

import java.time.Instant;
import java.util.UUID;

/** Who a trial mail goes to; {@code name} may be null. */
record TrialContact(UUID userId, String email, String name, Instant trialEndsAt) {

	@Override
	public String toString() {
		return "TrialContact[userId=" + this.userId + "]";
	}

}
