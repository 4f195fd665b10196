package com.saasgate.gateway.tiercache;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A {@code user_tier_changed} message (API contract section 3). */
record TierChangedMessage(UUID userId, String newTier, String oldTier, long version, Instant changedAt) {

	/**
	 * The entry the message alone determines: any tier but a trial, whose effective tier needs its end
	 * date, which the message does not carry (a trial is dropped and loaded again instead).
	 */
	Optional<CachedTier> entry() {
		if (this.newTier == null || CachedTier.FREE_TRIAL.equals(this.newTier)) {
			return Optional.empty();
		}
		return Optional.of(new CachedTier(this.newTier, this.newTier, null, this.version));
	}

}
