package com.saasgate.authbilling.limits;

/**
 * Where attempts are counted. Both implementations follow the same rules (see {@link LimitPolicy}):
 * an attempt on a locked key is not counted, the window starts with the first attempt, and the attempt
 * that reaches {@code maxAttempts} sets the lock and clears the counter.
 * <p>
 * Failed logins use a reservation: {@link #reserve} counts the attempt <em>before</em> the password is
 * checked, so attempts in flight take up the budget and parallel guesses cannot all pass a check made
 * before any of them failed; {@link #fail} then confirms it as a failure (locking when the budget is
 * spent) or {@link #release} gives it back. Plain rate limits use {@link #count}.
 */
interface AttemptStore {

	/**
	 * Counts one attempt in advance unless the key is locked or its budget is taken: then nothing is
	 * counted and the answer has count 0 and how long to wait (the lock, or what is left of the window).
	 */
	Attempts reserve(LimitPolicy policy, String keyHash);

	/**
	 * Confirms a reserved attempt as a failure: locks the key when its count has reached the limit. A
	 * reservation the store no longer holds (its window ended, a success cleared it) is counted afresh.
	 */
	Attempts fail(LimitPolicy policy, String keyHash);

	/** Gives a reserved attempt back; never takes the count below zero. */
	void release(LimitPolicy policy, String keyHash);

	/** Counts one attempt unless the key is locked, locking it when the count reaches the limit. */
	Attempts count(LimitPolicy policy, String keyHash);

	/** Forgets the key's count and lock. */
	void clear(LimitPolicy policy, String keyHash);

}
