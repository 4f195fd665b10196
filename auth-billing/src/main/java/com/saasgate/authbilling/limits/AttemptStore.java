package com.saasgate.authbilling.limits;

/**
 * Where attempts are counted. Both implementations follow the same rules (see {@link LimitPolicy}):
 * an attempt on a locked key is not counted, the window starts with the first attempt, and the attempt
 * that reaches {@code maxAttempts} sets the lock and clears the counter.
 */
interface AttemptStore {

	/** The key's lock or, when it has none, its count; changes nothing. */
	Attempts read(LimitPolicy policy, String keyHash);

	/** Counts one attempt unless the key is locked, locking it when the count reaches the limit. */
	Attempts count(LimitPolicy policy, String keyHash);

	/** Forgets the key's count and lock. */
	void clear(LimitPolicy policy, String keyHash);

}
