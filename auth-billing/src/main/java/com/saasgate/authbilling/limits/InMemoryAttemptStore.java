package com.saasgate.authbilling.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-instance fallback with the same rules as {@link RedisAttemptStore}. Each key is updated
 * inside {@link ConcurrentHashMap#compute}, which makes reserving, counting and locking atomic per key. Memory
 * stays bounded without a scheduler thread: expired entries are swept at most once a
 * {@link #PRUNE_INTERVAL}, and when the map passes {@code maxEntries} the entries that would expire
 * soonest are evicted down to 90% of it.
 */
final class InMemoryAttemptStore implements AttemptStore {

	static final int DEFAULT_MAX_ENTRIES = 100_000;

	static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final ReentrantLock pruning = new ReentrantLock();

	private final AtomicLong nextPruneAt = new AtomicLong();

	private final Clock clock;

	private final int maxEntries;

	InMemoryAttemptStore(Clock clock, int maxEntries) {
		if (maxEntries < 10) {
			throw new IllegalArgumentException("maxEntries must be at least 10, was " + maxEntries);
		}
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	@Override
	public Attempts reserve(LimitPolicy policy, String keyHash) {
		return update(policy, keyHash, (entry, now) -> {
			if (entry.count() >= policy.maxAttempts()) {
				return new Step(entry, new Attempts(0, Math.max(entry.windowEndsAt() - now, 1)));
			}
			Entry counted = entry.plusOne(now, policy);
			return new Step(counted, new Attempts(counted.count(), 0));
		});
	}

	@Override
	public Attempts fail(LimitPolicy policy, String keyHash) {
		return update(policy, keyHash, (entry, now) -> {
			// A reservation this store no longer holds (window over, cleared by a success) counts afresh.
			return lockAtLimit((entry.count() == 0) ? entry.plusOne(now, policy) : entry, now, policy);
		});
	}

	@Override
	public void release(LimitPolicy policy, String keyHash) {
		long now = this.clock.millis();
		this.entries.computeIfPresent(id(policy, keyHash), (id, entry) -> (entry.lockedUntil() <= now
				&& entry.windowEndsAt() > now && entry.count() > 0) ? entry.minusOne() : entry);
	}

	@Override
	public Attempts count(LimitPolicy policy, String keyHash) {
		return update(policy, keyHash, (entry, now) -> lockAtLimit(entry.plusOne(now, policy), now, policy));
	}

	/** The count reaching the limit sets the lock and clears the count, as in the Redis scripts. */
	private static Step lockAtLimit(Entry counted, long now, LimitPolicy policy) {
		if (counted.count() >= policy.maxAttempts()) {
			return new Step(Entry.lockedUntil(now + policy.lockout().toMillis()),
					new Attempts(counted.count(), policy.lockout().toMillis()));
		}
		return new Step(counted, new Attempts(counted.count(), 0));
	}

	/**
	 * Runs {@code rule} on the key's live entry (an empty one when it has none or its window is over)
	 * atomically per key; a locked key is answered without calling the rule, as in every Redis script.
	 */
	private Attempts update(LimitPolicy policy, String keyHash, Rule rule) {
		long now = this.clock.millis();
		Attempts[] outcome = new Attempts[1];
		this.entries.compute(id(policy, keyHash), (id, entry) -> {
			if (entry != null && entry.lockedUntil() > now) {
				outcome[0] = new Attempts(0, entry.lockedUntil() - now);
				return entry;
			}
			Step step = rule.apply((entry == null || entry.windowEndsAt() <= now) ? Entry.EMPTY : entry, now);
			outcome[0] = step.outcome();
			return step.entry();
		});
		pruneIfDue(now);
		return outcome[0];
	}

	@Override
	public void clear(LimitPolicy policy, String keyHash) {
		this.entries.remove(id(policy, keyHash));
	}

	int size() {
		return this.entries.size();
	}

	private void pruneIfDue(long now) {
		boolean due = now >= this.nextPruneAt.get() || this.entries.size() > this.maxEntries;
		// One thread sweeps; the others carry on rather than queue behind it.
		if (!due || !this.pruning.tryLock()) {
			return;
		}
		try {
			this.nextPruneAt.set(now + PRUNE_INTERVAL.toMillis());
			this.entries.values().removeIf((entry) -> entry.expiresAt() <= now);
			int excess = this.entries.size() - this.maxEntries;
			if (excess > 0) {
				// Evicting below the cap keeps this sort from running on every insert at the cap.
				evictSoonestExpiring(excess + this.maxEntries / 10);
			}
		}
		finally {
			this.pruning.unlock();
		}
	}

	private void evictSoonestExpiring(int howMany) {
		this.entries.entrySet()
			.stream()
			.map(Map.Entry::copyOf)
			.sorted(Comparator.comparingLong((Map.Entry<String, Entry> e) -> e.getValue().expiresAt()))
			.limit(howMany)
			.forEach((e) -> this.entries.remove(e.getKey(), e.getValue()));
	}

	private static String id(LimitPolicy policy, String keyHash) {
		return policy.name() + ":" + keyHash;
	}

	/** Times are epoch milliseconds; {@code count} is 0 while locked. */
	private record Entry(int count, long windowEndsAt, long lockedUntil) {

		static final Entry EMPTY = new Entry(0, 0, 0);

		static Entry lockedUntil(long until) {
			return new Entry(0, 0, until);
		}

		/** The window starts with the first attempt and is not extended by later ones. */
		Entry plusOne(long now, LimitPolicy policy) {
			return (this.count == 0) ? new Entry(1, now + policy.window().toMillis(), 0)
					: new Entry(this.count + 1, this.windowEndsAt, 0);
		}

		Entry minusOne() {
			return new Entry(this.count - 1, this.windowEndsAt, 0);
		}

		long expiresAt() {
			return Math.max(this.windowEndsAt, this.lockedUntil);
		}

	}

	private record Step(Entry entry, Attempts outcome) {
	}

	@FunctionalInterface
	private interface Rule {

		Step apply(Entry live, long now);

	}

}
