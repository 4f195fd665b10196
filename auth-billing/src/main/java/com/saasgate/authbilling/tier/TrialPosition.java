package com.saasgate.authbilling.tier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an expiry run has got to in trial-end order ({@code users_trials_by_end}): the next batch
 * starts after it.
 */
public record TrialPosition(Instant trialEndsAt, UUID userId) {

	public TrialPosition {
		Objects.requireNonNull(trialEndsAt, "trialEndsAt");
		Objects.requireNonNull(userId, "userId");
	}

}
