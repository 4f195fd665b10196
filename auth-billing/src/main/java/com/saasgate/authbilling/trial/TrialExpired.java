package com.saasgate.authbilling.trial;

import java.time.Instant;
import java.util.UUID;

/** A user's trial ended and the expiry job downgraded them; {@code name} may be null. */
record TrialExpired(UUID userId, String email, String name, Instant trialEndsAt, Instant expiredAt) {

	@Override
	public String toString() {
		return "TrialExpired[userId=" + this.userId + ", expiredAt=" + this.expiredAt + "]";
	}

}
