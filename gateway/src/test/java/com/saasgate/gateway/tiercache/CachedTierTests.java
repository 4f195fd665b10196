package com.saasgate.gateway.tiercache;

import java.time.Instant;
import java.util.UUID;

import com.saasgate.security.contract.TierChangedMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's effective-tier rule as the gateway applies it to what it cached. */
class CachedTierTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	@Test
	void effectiveAtWhenTrialEndsLaterThenTrial() {
		assertThat(trial(NOW.plusNanos(1)).effectiveAt(NOW)).isEqualTo("free_trial");
	}

	@Test
	void effectiveAtWhenTrialEndedSinceTheLoadThenRestricted() {
		assertThat(trial(NOW).effectiveAt(NOW)).isEqualTo("free_restricted");
		assertThat(trial(NOW.minusSeconds(1)).effectiveAt(NOW)).isEqualTo("free_restricted");
	}

	@Test
	void effectiveAtWhenAuthBillingAlreadySaidRestrictedThenRestricted() {
		CachedTier ended = new CachedTier("free_trial", "free_restricted", NOW.plusSeconds(60), 3);

		assertThat(ended.effectiveAt(NOW)).isEqualTo("free_restricted");
	}

	@Test
	void effectiveAtWhenNoTrialEndThenAuthBillingsEffectiveTier() {
		assertThat(new CachedTier("free_trial", "free_trial", null, 1).effectiveAt(NOW)).isEqualTo("free_trial");
		assertThat(new CachedTier("pro", "pro", null, 1).effectiveAt(NOW)).isEqualTo("pro");
	}

	@Test
	void effectiveAtWhenTierUnknownThenPassedOnUnchanged() {
		assertThat(new CachedTier("enterprise", "enterprise", NOW.minusSeconds(1), 1).effectiveAt(NOW))
			.isEqualTo("enterprise");
	}

	@Test
	void announcedByWhenTrialThenNoEntry() {
		UUID user = UUID.randomUUID();

		assertThat(CachedTier.announcedBy(new TierChangedMessage(user, "free_trial", "basic", 4, NOW))).isEmpty();
		assertThat(CachedTier.announcedBy(new TierChangedMessage(user, null, "basic", 4, NOW))).isEmpty();
		assertThat(CachedTier.announcedBy(new TierChangedMessage(user, "pro", "basic", 4, NOW)))
			.contains(new CachedTier("pro", "pro", null, 4));
	}

	private static CachedTier trial(Instant endsAt) {
		return new CachedTier("free_trial", "free_trial", endsAt, 2);
	}

}
