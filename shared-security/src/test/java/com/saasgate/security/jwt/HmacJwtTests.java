package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HmacJwtTests {

	private static final SecretKey KEY = HmacJwt.hmacKey("hmac-secret-0123456789abcdefghijklmnopqrstuvw");

	private final HmacJwt overKeys = new HmacJwt((header) -> List.of(KEY), TokenKind.SERVICE, Duration.ZERO,
			Clock.systemUTC());

	@Test
	void signWhenVerifierOverSeveralKeysAndNoKeyNamedThenRefuses() {
		assertThatIllegalStateException().isThrownBy(() -> this.overKeys.sign(this.overKeys.builder().subject("x")));
	}

	@Test
	void signWithKeyThenParsesUnderTheLocatedKey() {
		String token = this.overKeys.sign(this.overKeys.builder()
			.subject("x")
			.issuedAt(new java.util.Date())
			.expiration(new java.util.Date(System.currentTimeMillis() + 60_000)), HmacJwt.hmacKey(
					"hmac-secret-0123456789abcdefghijklmnopqrstuvw"));

		assertThat(this.overKeys.parse(token).getSubject()).isEqualTo("x");
	}

}
