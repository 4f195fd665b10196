package com.saasgate.authbilling.limits;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts in Redis, one Lua script per operation so that reading the lock, counting and locking happen
 * atomically even when several replicas count the same key at once. Expiries are set by Redis itself,
 * so replicas need not agree on the time. Failures surface as Spring's {@code DataAccessException}s,
 * which {@link AttemptLimiter} turns into a fallback.
 */
final class RedisAttemptStore implements AttemptStore {

	// Every script that touches a lock starts here: KEYS[1] is the lock, and a locked key is answered
	// {0, lock ms} without being counted, so attempts during a lock cannot stretch it.
	private static final String UNLESS_LOCKED = """
			local lockTtl = redis.call('PTTL', KEYS[1])
			if lockTtl > 0 then
			  return {0, lockTtl}
			end
			""";

	// With `count` set: ARGV[1] max attempts, ARGV[3] lockout ms. The counter is deleted with the lock
	// set, so the key starts with a full budget when the lock ends. Returns {count, lock ms}.
	private static final String LOCK_AT_LIMIT = """
			if count >= tonumber(ARGV[1]) then
			  redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
			  redis.call('DEL', KEYS[2])
			  return {count, tonumber(ARGV[3])}
			end
			return {count, 0}
			""";

	// KEYS[2] counter; ARGV max attempts, window ms. Returns {count, wait ms}. Counts before the password
	// is checked: attempts in flight hold their place in the budget, so the budget is never handed out
	// twice however many guesses arrive at once.
	private static final String RESERVE_LUA = UNLESS_LOCKED + """
			local count = tonumber(redis.call('GET', KEYS[2]) or '0')
			if count >= tonumber(ARGV[1]) then
			  return {0, math.max(redis.call('PTTL', KEYS[2]), 1)}
			end
			count = redis.call('INCR', KEYS[2])
			if count == 1 then
			  redis.call('PEXPIRE', KEYS[2], ARGV[2])
			end
			return {count, 0}
			""";

	// ARGV max attempts, window ms, lockout ms. The reserved attempt is already counted; a missing
	// counter (window over, or cleared by a success) means the reservation is gone, so the failure is
	// counted afresh.
	private static final String FAIL_LUA = UNLESS_LOCKED + """
			local count = tonumber(redis.call('GET', KEYS[2]) or '0')
			if count == 0 then
			  count = redis.call('INCR', KEYS[2])
			  redis.call('PEXPIRE', KEYS[2], ARGV[2])
			end
			""" + LOCK_AT_LIMIT;

	// KEYS[1] counter. DECR keeps the window's expiry.
	private static final String RELEASE_LUA = """
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count > 0 then
			  redis.call('DECR', KEYS[1])
			end
			return count
			""";

	// ARGV max attempts, window ms, lockout ms: a plain rate limit, counted as it happens.
	private static final String COUNT_ATTEMPT_LUA = UNLESS_LOCKED + """
			local count = redis.call('INCR', KEYS[2])
			if count == 1 then
			  redis.call('PEXPIRE', KEYS[2], ARGV[2])
			end
			""" + LOCK_AT_LIMIT;

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RESERVE = RedisScript.of(RESERVE_LUA, List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> FAIL = RedisScript.of(FAIL_LUA, List.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(RELEASE_LUA, Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT_ATTEMPT = RedisScript.of(COUNT_ATTEMPT_LUA, List.class);

	private final StringRedisTemplate redis;

	RedisAttemptStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Attempts reserve(LimitPolicy policy, String keyHash) {
		return attempts(this.redis.execute(RESERVE, keys(policy, keyHash), String.valueOf(policy.maxAttempts()),
				String.valueOf(policy.window().toMillis())));
	}

	@Override
	public Attempts fail(LimitPolicy policy, String keyHash) {
		return attempts(this.redis.execute(FAIL, keys(policy, keyHash), limitArguments(policy)));
	}

	@Override
	public void release(LimitPolicy policy, String keyHash) {
		this.redis.execute(RELEASE, keys(policy, keyHash).subList(1, 2));
	}

	@Override
	public Attempts count(LimitPolicy policy, String keyHash) {
		return attempts(this.redis.execute(COUNT_ATTEMPT, keys(policy, keyHash), limitArguments(policy)));
	}

	@Override
	public void clear(LimitPolicy policy, String keyHash) {
		// One multi-key DEL is already atomic; a script would add nothing.
		this.redis.delete(keys(policy, keyHash));
	}

	/**
	 * {@code limits:<policy>:{<sha256>}:lock} and {@code :count}. The braces are a Redis Cluster hash
	 * tag: both keys land in one slot, which a script touching both requires.
	 */
	static List<String> keys(LimitPolicy policy, String keyHash) {
		String prefix = "limits:" + policy.name() + ":{" + keyHash + "}:";
		return List.of(prefix + "lock", prefix + "count");
	}

	private static Object[] limitArguments(LimitPolicy policy) {
		return new Object[] { String.valueOf(policy.maxAttempts()), String.valueOf(policy.window().toMillis()),
				String.valueOf(policy.lockout().toMillis()) };
	}

	private static Attempts attempts(List<?> reply) {
		if (reply == null || reply.size() != 2) {
			throw new IllegalStateException("Unexpected reply from limits script: " + reply);
		}
		return new Attempts(Math.toIntExact(((Number) reply.get(0)).longValue()), ((Number) reply.get(1)).longValue());
	}

}
