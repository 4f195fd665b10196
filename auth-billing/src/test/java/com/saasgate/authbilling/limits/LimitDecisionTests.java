package com.saasgate.authbilling.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LimitDecisionTests {

	@Test
	void blockedWhenPartSecondThenRoundsUp() {
		assertThat(new LimitDecision.Blocked(Duration.ofMillis(1500)).retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(new LimitDecision.Blocked(Duration.ofMillis(899_001)).retryAfterSeconds()).isEqualTo(900);
		assertThat(new LimitDecision.Blocked(Duration.ofSeconds(900)).retryAfterSeconds()).isEqualTo(900);
	}

	@Test
	void blockedWhenBelowOneSecondThenOneSecond() {
		assertThat(new LimitDecision.Blocked(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
		assertThat(new LimitDecision.Blocked(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
		assertThat(new LimitDecision.Blocked(Duration.ofSeconds(-5)).retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void allowedWhenNegativeRemainingThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitDecision.Allowed(-1));
		assertThat(new LimitDecision.Allowed(0).allowed()).isTrue();
		assertThat(new LimitDecision.Blocked(Duration.ofSeconds(1)).allowed()).isFalse();
	}

}
