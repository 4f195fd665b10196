package com.saasgate.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import com.saasgate.devsupport.MutableClock;
import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.InvalidTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verified-token cache: a token is answered from it until its exp, and never after; requests waiting on
 * the same unverified token share one verification; a refused token is not remembered.
 */
class VerifiedAccessTokensTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

	private final VerifiedAccessTokens verified = new VerifiedAccessTokens(this.clock);

	private final AccessTokenClaims claims = new AccessTokenClaims(UUID.randomUUID(), "ada@example.com", "user", "jti",
			this.clock.instant(), this.clock.instant().plus(Duration.ofMinutes(15)));

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void getWhenVerifiedBeforeThenTheClaimsUntilExpWithoutVerifyingAgain() {
		Function<String, Mono<AccessTokenClaims>> verification = counting(Mono.just(this.claims));

		assertThat(this.verified.get("token-a", verification).block()).isEqualTo(this.claims);
		this.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
		assertThat(this.verified.get("token-a", verification).block()).isEqualTo(this.claims);

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void getWhenCachedTokenReachesExpThenVerifiedAgainNotAnsweredFromTheCache() {
		this.verified.get("token-a", counting(Mono.just(this.claims))).block();
		this.clock.advance(Duration.ofMinutes(15));

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verified
			.get("token-a", counting(Mono.error(new InvalidTokenException("expired"))))
			.block());
		assertThat(this.verifications).hasValue(2);
		assertThat(this.verified.size()).isZero();
	}

	@Test
	void getWhenAnotherTokenThenItsOwnVerification() {
		this.verified.get("token-a", counting(Mono.just(this.claims))).block();

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verified
			.get("token-a ", counting(Mono.error(new InvalidTokenException("bad signature"))))
			.block());
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void getWhenManyRequestsWaitOnOneUnverifiedTokenThenOneVerification() {
		Sinks.One<AccessTokenClaims> pending = Sinks.one();
		Function<String, Mono<AccessTokenClaims>> verification = counting(pending.asMono());

		Mono<AccessTokenClaims> first = this.verified.get("token-a", verification);
		Mono<AccessTokenClaims> second = this.verified.get("token-a", verification);
		pending.tryEmitValue(this.claims);

		assertThat(first.block()).isEqualTo(this.claims);
		assertThat(second.block()).isEqualTo(this.claims);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void getWhenVerificationFailsThenNotRememberedAndTheNextRequestVerifies() {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verified
			.get("token-a", counting(Mono.error(new InvalidTokenException("unknown kid"))))
			.block());

		assertThat(this.verified.get("token-a", counting(Mono.just(this.claims))).block()).isEqualTo(this.claims);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void getWhenVerifiedTokenAlreadyExpiredThenNotKept() {
		this.clock.advance(Duration.ofMinutes(15));

		this.verified.get("token-a", counting(Mono.just(this.claims))).onErrorComplete().block();

		assertThat(this.verified.size()).isZero();
	}

	private Function<String, Mono<AccessTokenClaims>> counting(Mono<AccessTokenClaims> answer) {
		return (token) -> Mono.defer(() -> {
			this.verifications.incrementAndGet();
			return answer;
		});
	}

}
