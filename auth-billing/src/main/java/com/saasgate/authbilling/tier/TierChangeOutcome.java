package com.saasgate.authbilling.tier;

import com.saasgate.security.contract.Tier;
import com.saasgate.security.contract.TierChangedMessage;

/** What {@link TierChanges#change} did. */
public sealed interface TierChangeOutcome {

	/** The tier changed; the event is queued for broadcast after commit. */
	record Changed(TierChangedMessage event) implements TierChangeOutcome {
	}

	/** The user already had that tier: nothing written, no version bump, no event. */
	record Unchanged(Tier tier, long version) implements TierChangeOutcome {
	}

	/** No such user. */
	record UserNotFound() implements TierChangeOutcome {
	}

}
