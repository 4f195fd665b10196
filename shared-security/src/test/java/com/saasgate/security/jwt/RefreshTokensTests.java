package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.saasgate.security.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokensTests {

	static final String SECRET = "refresh-secret-0123456789abcdefghijklmnopqrstuvwxyz";

	static final String ISSUER = "saasgate";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));

	private final RefreshTokens tokens = refreshTokensAt(NOW);

	private final RefreshTokenClaims claims = new RefreshTokenClaims(UUID.randomUUID(), UUID.randomUUID(),
			UUID.randomUUID(), EXPIRES);

	static RefreshTokens refreshTokensAt(Instant now) {
		return new RefreshTokens(SECRET, ISSUER, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void issueThenVerifyReturnsTheSameClaims() {
		assertThat(this.tokens.verify(this.tokens.issue(this.claims))).isEqualTo(this.claims);
	}

	@Test
	void issueTypesTheTokenRefreshJwt() {
		assertThat(TestJwts.part(this.tokens.issue(this.claims), 0)).contains("\"typ\":\"refresh+jwt\"")
			.contains("\"alg\":\"HS256\"");
	}

	@Test
	void verifyWhenAccessTokenWithTheSameKeyIssuerAndAudienceThenRejected() {
		// Only the typ tells the two kinds apart here, so this is the kind check on its own.
		HmacJwt accessKind = new HmacJwt(SECRET, TokenKind.ACCESS, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
		String access = accessKind.sign(accessKind.builder()
			.id(this.claims.tokenId().toString())
			.subject(this.claims.userId().toString())
			.claim("fam", this.claims.familyId().toString())
			.issuer(ISSUER)
			.audience().add(ISSUER).and()
			.issuedAt(java.util.Date.from(NOW))
			.expiration(java.util.Date.from(this.claims.expiresAt())));

		assertRejected(this.tokens, access);
	}

	@Test
	void verifyWhenSignedWithAnotherSecretThenRejected() {
		RefreshTokens other = new RefreshTokens("another-refresh-secret-0123456789abcdefghij", ISSUER,
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(this.tokens, other.issue(this.claims));
	}

	@Test
	void verifyWhenAnotherIssuerThenRejected() {
		RefreshTokens other = new RefreshTokens(SECRET, "someone-else", Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(this.tokens, other.issue(this.claims));
	}

	@Test
	void verifyWhenIssuerWrongButAudienceRightThenRejected() {
		// Each check on its own: the other claim is right, so only the one under test can refuse.
		assertRejected(this.tokens, signed(payload("\"" + UUID.randomUUID() + "\"", "\"" + UUID.randomUUID() + "\"",
				"someone-else", ISSUER)));
	}

	@Test
	void verifyWhenAudienceWrongButIssuerRightThenRejected() {
		assertRejected(this.tokens, signed(payload("\"" + UUID.randomUUID() + "\"", "\"" + UUID.randomUUID() + "\"",
				ISSUER, "someone-else")));
	}

	@Test
	void verifyWhenExpiredThenRejected() {
		String token = this.tokens.issue(this.claims);

		assertThat(refreshTokensAt(EXPIRES.minusSeconds(1)).verify(token)).isEqualTo(this.claims);
		assertRejected(refreshTokensAt(EXPIRES.plusSeconds(1)), token);
	}

	@Test
	void verifyWhenIdsAreNotUuidsThenRejected() {
		String familyNotUuid = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}",
				payload("\"" + UUID.randomUUID() + "\"", "\"family\""), "HmacSHA256", SECRET);
		String idNotUuid = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}",
				payload("\"id\"", "\"" + UUID.randomUUID() + "\""), "HmacSHA256", SECRET);
		String familyMissing = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}",
				payload("\"" + UUID.randomUUID() + "\"", "null"), "HmacSHA256", SECRET);

		assertRejected(this.tokens, familyNotUuid);
		assertRejected(this.tokens, idNotUuid);
		assertRejected(this.tokens, familyMissing);
	}

	@Test
	void verifyWhenHandMadeTokenIsWellFormedThenAccepted() {
		String token = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}",
				payload("\"" + UUID.randomUUID() + "\"", "\"" + UUID.randomUUID() + "\""), "HmacSHA256", SECRET);

		assertThat(this.tokens.verify(token).expiresAt()).isEqualTo(EXPIRES);
	}

	@Test
	void verifyWhenAlgNoneThenRejected() {
		String valid = this.tokens.issue(this.claims);

		assertRejected(this.tokens, TestJwts.unsigned("{\"alg\":\"none\",\"typ\":\"refresh+jwt\"}",
				TestJwts.part(valid, 1)));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "garbage", "a.b.c", "....", "eyJ.eyJ." })
	void verifyWhenGarbageThenRejected(String token) {
		assertRejected(this.tokens, token);
	}

	@Test
	void constructorWhenSecretShorterThan32BytesThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RefreshTokens("too-short-secret", ISSUER, Clock.systemUTC()));
	}

	private static void assertRejected(RefreshTokens tokens, String token) {
		assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	private String payload(String jti, String family) {
		return payload(jti, family, ISSUER, ISSUER);
	}

	private String payload(String jti, String family, String issuer, String audience) {
		return "{\"jti\":" + jti + ",\"sub\":\"" + this.claims.userId() + "\",\"fam\":" + family + ",\"iss\":\""
				+ issuer + "\",\"aud\":[\"" + audience + "\"],\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
				+ EXPIRES.getEpochSecond() + "}";
	}

	private static String signed(String payload) {
		return TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}", payload, "HmacSHA256", SECRET);
	}

}
