package com.saasgate.authbilling.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.saasgate.security.contract.Tier;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies the auth calls answer with (timestamps to the second, as the contract shows them). */
final class AuthResponses {

	private AuthResponses() {
	}

	@Schema(requiredProperties = { "userId", "email", "tier", "trialEndsAt", "emailVerified" })
	record Registered(UUID userId, @Schema(format = "email") String email, @Schema(ref = "Tier") String tier,
			Instant trialEndsAt, boolean emailVerified) {

		static Registered of(UserRow user) {
			return new Registered(user.id(), user.email(), user.subscriptionTier(), seconds(user.trialEndsAt()),
					user.emailVerified());
		}

	}

	@Schema(requiredProperties = { "userId", "email", "name", "role", "tier", "effectiveTier", "trialEndsAt",
			"emailVerified", "createdAt" })
	record Me(UUID userId, @Schema(format = "email") String email,
			@Schema(types = { "string", "null" }, description = "null when none was given") String name,
			@Schema(allowableValues = { "user", "admin" }) String role, @Schema(ref = "Tier") String tier,
			@Schema(ref = "Tier") String effectiveTier,
			@Schema(types = { "string", "null" }, format = "date-time") Instant trialEndsAt, boolean emailVerified,
			Instant createdAt) {

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
