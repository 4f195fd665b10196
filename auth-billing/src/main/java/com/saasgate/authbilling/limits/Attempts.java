package com.saasgate.authbilling.limits;

import java.time.Duration;

/**
 * What a store reports for one policy and key, the same shape from Redis and from memory so that both
 * paths turn into decisions the same way.
 *
 * @param count attempts in the current window, including the one just counted; 0 when nothing was
 * counted because the key was already locked
 * @param lockedForMillis how long the key's lock still lasts; 0 when it is not locked
 */
record Attempts(int count, long lockedForMillis) {

	static final Attempts NONE = new Attempts(0, 0);

	boolean locked() {
		return this.lockedForMillis > 0;
	}

	/** For {@code check} and {@code recordFailure}: a lock, including one this failure just set, blocks. */
	LimitDecision decision(LimitPolicy policy) {
		return locked() ? blocked() : new LimitDecision.Allowed(remaining(policy));
	}

	/**
	 * For {@code tryAcquire}: the attempt that reaches the limit is itself allowed (the third of three
	 * resends goes out); only attempts refused by an existing lock, which were not counted, are blocked.
	 */
	LimitDecision permit(LimitPolicy policy) {
		return (locked() && this.count == 0) ? blocked() : new LimitDecision.Allowed(remaining(policy));
	}

	private LimitDecision blocked() {
		return new LimitDecision.Blocked(Duration.ofMillis(this.lockedForMillis));
	}

	private int remaining(LimitPolicy policy) {
		return Math.max(0, policy.maxAttempts() - this.count);
	}

}
