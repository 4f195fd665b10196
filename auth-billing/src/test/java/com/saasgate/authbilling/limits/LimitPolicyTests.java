package com.saasgate.authbilling.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LimitPolicyTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void constructorWhenValidThenKeepsValues() {
		LimitPolicy policy = new LimitPolicy("login-email", 5, Duration.ofMinutes(15), Duration.ofMinutes(15));
		assertThat(policy.maxAttempts()).isEqualTo(5);
	}

	@Test
	void constructorWhenNameCouldBreakKeyNamesThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitPolicy("login:email", 5, MINUTE, MINUTE));
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitPolicy("login{x}", 5, MINUTE, MINUTE));
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitPolicy("", 5, MINUTE, MINUTE));
		assertThatNullPointerException().isThrownBy(() -> new LimitPolicy(null, 5, MINUTE, MINUTE));
	}

	@Test
	void constructorWhenNoAttemptsThenRejects() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitPolicy("login-email", 0, MINUTE, MINUTE));
	}

	@Test
	void constructorWhenDurationsBelowOneMillisecondThenRejects() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LimitPolicy("login-email", 5, Duration.ofNanos(999_999), MINUTE));
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitPolicy("login-email", 5, MINUTE, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LimitPolicy("login-email", 5, MINUTE, Duration.ofSeconds(-1)));
		assertThatNullPointerException().isThrownBy(() -> new LimitPolicy("login-email", 5, null, MINUTE));
	}

}
