package com.saasgate.authbilling.limits;

import java.time.Duration;
import java.time.Instant;

import com.saasgate.devsupport.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAttemptStoreTests {

	private static final LimitPolicy LOGIN = new LimitPolicy("login-email", 3, Duration.ofMinutes(15),
			Duration.ofMinutes(10));

	private static final LimitPolicy RESEND = new LimitPolicy("resend", 3, Duration.ofHours(1), Duration.ofHours(1));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryAttemptStore store = new InMemoryAttemptStore(this.clock, 10);

	@Test
	void countWhenLimitReachedThenLocksForLockout() {
		assertThat(this.store.count(LOGIN, "a").decision(LOGIN)).isEqualTo(new LimitDecision.Allowed(2));
		assertThat(this.store.count(LOGIN, "a").decision(LOGIN)).isEqualTo(new LimitDecision.Allowed(1));
		assertThat(this.store.count(LOGIN, "a").decision(LOGIN))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.store.reserve(LOGIN, "a").permit(LOGIN))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofMinutes(6)));
	}

	@Test
	void countWhenLockedThenNotCountedAndLockNotExtended() {
		lock("a");
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.store.count(LOGIN, "a")).isEqualTo(new Attempts(0, Duration.ofMinutes(1).toMillis()));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.store.count(LOGIN, "a").decision(LOGIN)).isEqualTo(new LimitDecision.Allowed(2));
	}

	@Test
	void countWhenWindowEndsThenStartsAgain() {
		this.store.count(LOGIN, "a");
		this.store.count(LOGIN, "a");
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.store.count(LOGIN, "a").decision(LOGIN)).isEqualTo(new LimitDecision.Allowed(2));
	}

	@Test
	void countWhenUsedAsRateLimitThenLastPermittedAttemptIsAllowed() {
		assertThat(this.store.count(RESEND, "a").permit(RESEND)).isEqualTo(new LimitDecision.Allowed(2));
		assertThat(this.store.count(RESEND, "a").permit(RESEND)).isEqualTo(new LimitDecision.Allowed(1));
		assertThat(this.store.count(RESEND, "a").permit(RESEND)).isEqualTo(new LimitDecision.Allowed(0));
		assertThat(this.store.count(RESEND, "a").permit(RESEND))
			.isEqualTo(new LimitDecision.Blocked(Duration.ofHours(1)));
	}

	@Test
	void clearWhenLockedThenForgetsKey() {
		lock("a");
		this.store.clear(LOGIN, "a");
		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(1, 0));
	}

	@Test
	void countWhenPoliciesDifferThenCountsSeparately() {
		lock("a");
		assertThat(this.store.count(RESEND, "a").permit(RESEND)).isEqualTo(new LimitDecision.Allowed(2));
	}

	@Test
	void countWhenEntriesExpiredThenPrunedOnNextSweep() {
		this.store.count(LOGIN, "a");
		lock("b");
		this.clock.advance(InMemoryAttemptStore.PRUNE_INTERVAL.plus(Duration.ofMinutes(15)));
		this.store.count(LOGIN, "c");
		assertThat(this.store.size()).isEqualTo(1);
	}

	@Test
	void countWhenMoreKeysThanCapThenEvictsSoonestExpiring() {
		for (int i = 0; i < 11; i++) {
			this.store.count(LOGIN, "key-" + i);
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.store.size()).isLessThanOrEqualTo(10);
		assertThat(this.store.reserve(LOGIN, "key-0")).isEqualTo(new Attempts(1, 0));
		assertThat(this.store.reserve(LOGIN, "key-10")).isEqualTo(new Attempts(2, 0));
	}

	@Test
	void reserveWhenBudgetHeldByAttemptsInFlightThenRefusedUntilGivenBack() {
		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(1, 0));
		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(2, 0));
		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(3, 0));

		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(0, Duration.ofMinutes(15).toMillis()));
		this.store.release(LOGIN, "a");
		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(3, 0));
	}

	@Test
	void failWhenBudgetSpentThenLocksAndLaterFailuresAreNotCounted() {
		this.store.reserve(LOGIN, "a");
		this.store.reserve(LOGIN, "a");
		this.store.reserve(LOGIN, "a");

		assertThat(this.store.fail(LOGIN, "a")).isEqualTo(new Attempts(3, Duration.ofMinutes(10).toMillis()));
		assertThat(this.store.fail(LOGIN, "a")).isEqualTo(new Attempts(0, Duration.ofMinutes(10).toMillis()));
		this.store.release(LOGIN, "a");
		assertThat(this.store.reserve(LOGIN, "a").locked()).isTrue();
	}

	@Test
	void failWhenReservationGoneThenCountedAfresh() {
		this.store.reserve(LOGIN, "a");
		this.clock.advance(Duration.ofMinutes(15));

		assertThat(this.store.fail(LOGIN, "a")).isEqualTo(new Attempts(1, 0));
	}

	@Test
	void releaseWhenNothingReservedThenNeverBelowZero() {
		this.store.release(LOGIN, "a");
		this.store.reserve(LOGIN, "a");
		this.store.release(LOGIN, "a");
		this.store.release(LOGIN, "a");

		assertThat(this.store.reserve(LOGIN, "a")).isEqualTo(new Attempts(1, 0));
	}

	private void lock(String keyHash) {
		for (int i = 0; i < LOGIN.maxAttempts(); i++) {
			this.store.count(LOGIN, keyHash);
		}
	}

}
