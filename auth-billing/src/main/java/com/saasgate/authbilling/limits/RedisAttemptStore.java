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

	// KEYS[1] lock, KEYS[2] counter. Returns {count, lock ms}.
	private static final String READ_LOCK_OR_COUNT_LUA = """
			local lockTtl = redis.call('PTTL', KEYS[1])
			if lockTtl > 0 then
			  return {0, lockTtl}
			end
			return {tonumber(redis.call('GET', KEYS[2]) or '0'), 0}
			""";

	// KEYS[1] lock, KEYS[2] counter; ARGV max attempts, window ms, lockout ms. Returns {count, lock ms}.
	// A locked key is not counted, so failures during a lock cannot stretch it (an attacker could
	// otherwise keep a victim locked out for as long as they keep trying). The counter is deleted with
	// the lock set, so the key starts with a full budget when the lock ends.
	private static final String COUNT_ATTEMPT_LUA = """
			local lockTtl = redis.call('PTTL', KEYS[1])
			if lockTtl > 0 then
			  return {0, lockTtl}
			end
			local count = redis.call('INCR', KEYS[2])
			if count == 1 then
			  redis.call('PEXPIRE', KEYS[2], ARGV[2])
			end
			if count >= tonumber(ARGV[1]) then
			  redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
			  redis.call('DEL', KEYS[2])
			  return {count, tonumber(ARGV[3])}
			end
			return {count, 0}
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> READ_LOCK_OR_COUNT = RedisScript.of(READ_LOCK_OR_COUNT_LUA, List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT_ATTEMPT = RedisScript.of(COUNT_ATTEMPT_LUA, List.class);

	private final StringRedisTemplate redis;

	RedisAttemptStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Attempts read(LimitPolicy policy, String keyHash) {
		return attempts(this.redis.execute(READ_LOCK_OR_COUNT, keys(policy, keyHash)));
	}

	@Override
	public Attempts count(LimitPolicy policy, String keyHash) {
		return attempts(this.redis.execute(COUNT_ATTEMPT, keys(policy, keyHash),
				String.valueOf(policy.maxAttempts()), String.valueOf(policy.window().toMillis()),
				String.valueOf(policy.lockout().toMillis())));
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

	private static Attempts attempts(List<?> reply) {
		if (reply == null || reply.size() != 2) {
			throw new IllegalStateException("Unexpected reply from limits script: " + reply);
		}
		return new Attempts(Math.toIntExact(((Number) reply.get(0)).longValue()), ((Number) reply.get(1)).longValue());
	}

}
