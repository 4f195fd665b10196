package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.crypto.SecretKey;

import com.saasgate.security.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacJwtTests {

	private static final String SECRET = "hmac-secret-0123456789abcdefghijklmnopqrstuvw";

	private static final SecretKey KEY = HmacJwt.hmacKey(SECRET);

	private final HmacJwt overKeys = new HmacJwt((header) -> List.of(KEY), TokenKind.SERVICE, Duration.ZERO,
			Clock.systemUTC());

	@Test
	void constructorWhenClockSkewOver60SecondsOrNegativeThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ofSeconds(61), Clock.systemUTC()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ofSeconds(-1), Clock.systemUTC()));
		assertThatNoException().isThrownBy(() -> new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ofSeconds(60), Clock.systemUTC()));
		assertThatNoException().isThrownBy(() -> new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ZERO, Clock.systemUTC()));
	}

	@Test
	void hmacKeyWhenShorterThan32BytesThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> HmacJwt.hmacKey("0123456789abcdef0123456789abcde"));
		assertThatIllegalArgumentException().isThrownBy(() -> HmacJwt.hmacKey(""));
		assertThat(HmacJwt.hmacKey("0123456789abcdef0123456789abcdef").getEncoded()).hasSize(32);
	}

	@Test
	void parseWhenNullOrBlankThenNoToken() {
		HmacJwt jwt = new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ZERO, Clock.systemUTC());

		assertThatThrownBy(() -> jwt.parse(null)).isInstanceOf(InvalidTokenException.class).hasMessage("no token");
		assertThatThrownBy(() -> jwt.parse(" ")).isInstanceOf(InvalidTokenException.class).hasMessage("no token");
	}

	@Test
	void parseWhenExpOrIatMissingThenRejected() {
		HmacJwt jwt = new HmacJwt(SECRET, TokenKind.REFRESH, Duration.ZERO, Clock.systemUTC());
		long now = System.currentTimeMillis() / 1000;
		String header = "{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}";

		assertThat(jwt.parse(TestJwts.sign(header, "{\"sub\":\"x\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}",
				"HmacSHA256", SECRET)).getSubject()).isEqualTo("x");
		assertThatThrownBy(() -> jwt.parse(TestJwts.sign(header, "{\"sub\":\"x\",\"exp\":" + (now + 60) + "}",
				"HmacSHA256", SECRET))).isInstanceOf(InvalidTokenException.class).hasMessageContaining("exp or iat");
		assertThatThrownBy(() -> jwt.parse(TestJwts.sign(header, "{\"sub\":\"x\",\"iat\":" + now + "}",
				"HmacSHA256", SECRET))).isInstanceOf(InvalidTokenException.class).hasMessageContaining("exp or iat");
	}

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
