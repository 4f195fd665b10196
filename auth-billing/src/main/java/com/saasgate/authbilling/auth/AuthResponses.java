package com.saasgate.authbilling.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.saasgate.authbilling.tier.Tier;

/** The bodies the auth calls answer with (timestamps to the second, as the contract shows them). */
final class AuthResponses {

	private AuthResponses() {
	}

	record Registered(UUID userId, String email, String tier, Instant trialEndsAt, boolean emailVerified) {

		static Registered of(UserRow user) {
			return new Registered(user.id(), user.email(), user.subscriptionTier(), seconds(user.trialEndsAt()),
					user.emailVerified());
		}

	}

	record Me(UUID userId, String email, String name, String role, String tier, String effectiveTier,
			Instant trialEndsAt, boolean emailVerified, Instant createdAt) {

		static Me of(UserRow user, Instant now) {
			Tier effective = Tier.effective(Tier.of(user.subscriptionTier()), user.trialEndsAt(), now);
			return new Me(user.id(), user.email(), user.name(), user.role(), user.subscriptionTier(), effective.value(),
					seconds(user.trialEndsAt()), user.emailVerified(), seconds(user.createdAt()));
		}

	}

	static Instant seconds(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

}
