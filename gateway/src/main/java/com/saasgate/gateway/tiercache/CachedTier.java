package com.saasgate.gateway.tiercache;

import java.time.Instant;
import java.util.Optional;

import com.saasgate.security.contract.Tier;
import com.saasgate.security.contract.TierChangedMessage;

/**
 * A user's tier as cached: the stored tier, the effective tier auth-billing computed, the trial end
 * when known, and the {@code tier_version} it reflects.
 */
record CachedTier(String tier, String effectiveTier, Instant trialEndsAt, long version) {

	/**
	 * The effective tier now: the contract's rule ({@link Tier#effective(String, Instant, Instant)})
	 * applied again to auth-billing's answer, so a trial that ended since the load gets no trial limits.
	 * Without a trial end (an entry from a message, or an answer without one) auth-billing's effective
	 * tier stands: the rule would read a missing end as an ended trial.
	 */
	String effectiveAt(Instant now) {
		return (this.trialEndsAt != null) ? Tier.effective(this.effectiveTier, this.trialEndsAt, now)
				: this.effectiveTier;
	}

	/**
	 * The entry a message alone determines: any tier but a trial, whose effective tier needs its end
	 * date, which the message does not carry (a trial is dropped and loaded again instead).
	 */
	static Optional<CachedTier> announcedBy(TierChangedMessage message) {
		if (message.newTier() == null || Tier.FREE_TRIAL.value().equals(message.newTier())) {
			return Optional.empty();
		}
		return Optional.of(new CachedTier(message.newTier(), message.newTier(), null, message.version()));
	}

}
