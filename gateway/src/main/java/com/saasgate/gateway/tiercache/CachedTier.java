package com.saasgate.gateway.tiercache;

import java.time.Instant;

/**
 * A user's tier as cached: the stored tier, the effective tier auth-billing computed, the trial end
 * when known, and the {@code tier_version} it reflects.
 */
record CachedTier(String tier, String effectiveTier, Instant trialEndsAt, long version) {

	static final String FREE_TRIAL = "free_trial";

	static final String FREE_RESTRICTED = "free_restricted";

	/** The effective tier now: a trial that ended since the load gets no trial limits. */
	String effectiveAt(Instant now) {
		if (FREE_TRIAL.equals(this.tier) && this.trialEndsAt != null && !this.trialEndsAt.isAfter(now)) {
			return FREE_RESTRICTED;
		}
		return this.effectiveTier;
	}

}
