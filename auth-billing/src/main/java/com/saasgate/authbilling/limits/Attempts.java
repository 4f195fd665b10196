package com.saasgate.authbilling.limits;

import java.time.Duration;

/**
 * What a store reports for one policy and key, the same shape from Redis and from memory so that both
 * paths turn into decisions the same way.
 *
 * @param count attempts in the current window, including the one just counted; 0 when nothing was
 * counted because the key was locked or its budget taken
 * @param lockedForMillis how long the key stays refused; 0 when it is not
 */
record Attempts(int count, long lockedForMillis) {

	static final Attempts NONE = new Attempts(0, 0);

	boolean locked() {
		return this.lockedForMillis > 0;
	}

	/** For {@code fail}: a lock, including one this failure just set, blocks. */
	LimitDecision decision(LimitPolicy policy) {
		return locked() ? blocked() : new LimitDecision.Allowed(remaining(policy));
	}

	/**
	 * For {@code reserve} and {@code count}: the attempt that reaches the limit is itself allowed (the
	 * fifth of five guesses is checked, the third of three resends goes out); only attempts refused
	 * without being counted are blocked.
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
