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
 * inside {@link ConcurrentHashMap#compute}, which makes counting and locking atomic per key. Memory
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
	public Attempts read(LimitPolicy policy, String keyHash) {
		long now = this.clock.millis();
		Entry entry = this.entries.get(id(policy, keyHash));
		if (entry == null) {
			return Attempts.NONE;
		}
		if (entry.lockedUntil() > now) {
			return new Attempts(0, entry.lockedUntil() - now);
		}
		return new Attempts((entry.windowEndsAt() > now) ? entry.count() : 0, 0);
	}

	@Override
	public Attempts count(LimitPolicy policy, String keyHash) {
		long now = this.clock.millis();
		Attempts[] outcome = new Attempts[1];
		this.entries.compute(id(policy, keyHash), (id, entry) -> {
			if (entry != null && entry.lockedUntil() > now) {
				outcome[0] = new Attempts(0, entry.lockedUntil() - now);
				return entry;
			}
			boolean freshWindow = entry == null || entry.windowEndsAt() <= now;
			int count = freshWindow ? 1 : entry.count() + 1;
			if (count >= policy.maxAttempts()) {
				outcome[0] = new Attempts(count, policy.lockout().toMillis());
				return new Entry(0, now, now + policy.lockout().toMillis());
			}
			outcome[0] = new Attempts(count, 0);
			return new Entry(count, freshWindow ? now + policy.window().toMillis() : entry.windowEndsAt(), 0);
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

		long expiresAt() {
			return Math.max(this.windowEndsAt, this.lockedUntil);
		}

	}

}
