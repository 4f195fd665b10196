package com.saasgate.security.contract;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TierTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	@Test
	void effectiveWhenTrialEndsLaterThenTrial() {
		assertThat(Tier.effective(Tier.FREE_TRIAL, NOW.plusNanos(1), NOW)).isEqualTo(Tier.FREE_TRIAL);
		assertThat(Tier.effective(Tier.FREE_TRIAL, NOW.plusSeconds(86_400), NOW)).isEqualTo(Tier.FREE_TRIAL);
	}

	@Test
	void effectiveWhenTrialEndsNowOrEarlierThenRestricted() {
		assertThat(Tier.effective(Tier.FREE_TRIAL, NOW, NOW)).isEqualTo(Tier.FREE_RESTRICTED);
		assertThat(Tier.effective(Tier.FREE_TRIAL, NOW.minusNanos(1), NOW)).isEqualTo(Tier.FREE_RESTRICTED);
	}

	@Test
	void effectiveWhenTrialHasNoEndThenRestricted() {
		assertThat(Tier.effective(Tier.FREE_TRIAL, null, NOW)).isEqualTo(Tier.FREE_RESTRICTED);
	}

	@Test
	void effectiveWhenNotATrialThenTheTierWhateverTheTrialEnd() {
		for (Tier tier : new Tier[] { Tier.FREE_RESTRICTED, Tier.BASIC, Tier.PRO }) {
			assertThat(Tier.effective(tier, null, NOW)).isEqualTo(tier);
			assertThat(Tier.effective(tier, NOW.minusSeconds(1), NOW)).isEqualTo(tier);
			assertThat(Tier.effective(tier, NOW.plusSeconds(1), NOW)).isEqualTo(tier);
		}
	}

	@Test
	void effectiveByNameWhenKnownThenTheSameRule() {
		assertThat(Tier.effective("free_trial", NOW.plusNanos(1), NOW)).isEqualTo("free_trial");
		assertThat(Tier.effective("free_trial", NOW, NOW)).isEqualTo("free_restricted");
		assertThat(Tier.effective("free_trial", null, NOW)).isEqualTo("free_restricted");
		assertThat(Tier.effective("pro", NOW.minusSeconds(1), NOW)).isEqualTo("pro");
	}

	@Test
	void effectiveByNameWhenUnknownThenUnchanged() {
		assertThat(Tier.effective("enterprise", null, NOW)).isEqualTo("enterprise");
		assertThat(Tier.effective("FREE_TRIAL", NOW.minusSeconds(1), NOW)).isEqualTo("FREE_TRIAL");
	}

	@Test
	void effectiveWhenTierMissingThenRefused() {
		assertThatNullPointerException().isThrownBy(() -> Tier.effective((String) null, null, NOW));
		assertThatNullPointerException().isThrownBy(() -> Tier.effective((Tier) null, null, NOW));
	}

	@Test
	void ofWhenNameKnownThenTier() {
		assertThat(Tier.of("free_trial")).isEqualTo(Tier.FREE_TRIAL);
		assertThat(Tier.of("free_restricted")).isEqualTo(Tier.FREE_RESTRICTED);
		assertThat(Tier.of("basic")).isEqualTo(Tier.BASIC);
		assertThat(Tier.of("pro")).isEqualTo(Tier.PRO);
	}

	@Test
	void ofWhenNameUnknownThenRefused() {
		for (String odd : new String[] { null, "", "enterprise", "PRO", " pro" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Tier.of(odd));
			assertThat(Tier.find(odd)).isEmpty();
		}
	}

	@Test
	void orRestrictedWhenUnknownThenTheTightestTier() {
		assertThat(Tier.orRestricted("basic")).isEqualTo(Tier.BASIC);
		assertThat(Tier.orRestricted("enterprise")).isEqualTo(Tier.FREE_RESTRICTED);
		assertThat(Tier.orRestricted(null)).isEqualTo(Tier.FREE_RESTRICTED);
	}

	@Test
	void paidWhenSoldThroughStripeThenTrue() {
		assertThat(Tier.BASIC.paid()).isTrue();
		assertThat(Tier.PRO.paid()).isTrue();
		assertThat(Tier.FREE_TRIAL.paid()).isFalse();
		assertThat(Tier.FREE_RESTRICTED.paid()).isFalse();
	}

}
