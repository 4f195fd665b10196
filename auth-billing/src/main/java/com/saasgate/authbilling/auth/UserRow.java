package com.saasgate.authbilling.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}, as auth reads it. */
record UserRow(UUID id, String email, String passwordHash, String name, String role, String subscriptionTier,
		Instant trialEndsAt, Instant emailVerifiedAt, Instant createdAt) {

	boolean emailVerified() {
		return this.emailVerifiedAt != null;
	}

	@Override
	public String toString() {
		return "UserRow[id=" + this.id + "]";
	}

}
