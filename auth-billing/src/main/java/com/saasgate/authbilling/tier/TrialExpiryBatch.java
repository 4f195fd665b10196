package com.saasgate.authbilling.tier;

import java.util.List;

/**
 * One batch of {@link TierChanges#expireTrials}: the downgrades made and where the next batch starts
 * ({@code null} when no ended trial was left to claim).
 */
public record TrialExpiryBatch(List<TierChanged> changes, TrialPosition last) {

	public TrialExpiryBatch {
		changes = List.copyOf(changes);
	}

	/** True when the batch claimed nothing: the run is done. */
	public boolean finished() {
		return this.last == null;
	}

}
