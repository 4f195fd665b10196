package com.saasgate.authbilling.tier;

import java.time.Instant;
import java.util.List;

import com.saasgate.security.contract.TierChangedMessage;

/**
 * One batch of {@link TierChanges#expireTrials}: the users downgraded, with what their "trial ended"
 * mail needs (read in the same statement, so the mail costs no second query), and where the next
 * batch starts ({@code null} when no ended trial was left to claim).
 */
public record TrialExpiryBatch(List<Expired> expired, TrialPosition last) {

	public TrialExpiryBatch {
		expired = List.copyOf(expired);
	}

	/** True when the batch claimed nothing: the run is done. */
	public boolean finished() {
		return this.last == null;
	}

	/** A downgraded user: the change, and their address, name (may be null) and trial end. */
	public record Expired(TierChangedMessage change, String email, String name, Instant trialEndsAt) {

		@Override
		public String toString() {
			return "Expired[" + this.change + "]";
		}

	}

}
