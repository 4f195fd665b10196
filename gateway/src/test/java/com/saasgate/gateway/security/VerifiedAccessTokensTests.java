package com.saasgate.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saasgate.devsupport.MutableClock;
import com.saasgate.security.jwt.AccessTokenClaims;

import static org.assertj.core.api.Assertions.assertThat;

/** The verified-token cache: a token is answered from it until its exp, and never after. */
class VerifiedAccessTokensTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final VerifiedAccessTokens verified = new VerifiedAccessTokens(this.clock);

	private final AccessTokenClaims claims = new AccessTokenClaims(UUID.randomUUID(), "ada@example.com", "user", "jti",
			this.clock.instant(), this.clock.instant().plus(Duration.ofMinutes(15)));

	@Test
	void getWhenVerifiedBeforeThenTheClaimsUntilExp() {
		this.verified.put("token-a", this.claims);

		assertThat(this.verified.get("token-a")).isEqualTo(this.claims);
		this.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
		assertThat(this.verified.get("token-a")).isEqualTo(this.claims);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.verified.get("token-a")).isNull();
		assertThat(this.verified.size()).isZero();
	}

	@Test
	void getWhenAnotherTokenThenNothing() {
		this.verified.put("token-a", this.claims);

		assertThat(this.verified.get("token-b")).isNull();
		assertThat(this.verified.get("token-a ")).isNull();
	}

	@Test
	void putWhenAlreadyExpiredThenNotKept() {
		this.clock.advance(Duration.ofMinutes(15));

		this.verified.put("token-a", this.claims);

		assertThat(this.verified.get("token-a")).isNull();
		assertThat(this.verified.size()).isZero();
	}

}
