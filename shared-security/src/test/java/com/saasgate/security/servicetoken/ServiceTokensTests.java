package com.saasgate.security.servicetoken;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.saasgate.security.TestJwts;
import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.TokenKind;
import com.saasgate.security.jwt.InvalidTokenException;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTokensTests {

	static final String SECRET = "service-secret-0123456789abcdefghijklmnopqrstuvwxyz";

	static final String AUDIENCE = "auth-billing";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	private final ServiceTokens tokens = serviceTokensAt(NOW);

	static ServiceTokens serviceTokensAt(Instant now) {
		return new ServiceTokens(SECRET, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void issueThenVerifyNamesTheCallingServiceAndUser() {
		String userId = UUID.randomUUID().toString();
		String token = this.tokens.issue("intelligence", AUDIENCE, userId, Duration.ofMinutes(2));

		ServiceTokenClaims claims = this.tokens.verify(token, AUDIENCE);

		assertThat(claims.service()).isEqualTo("intelligence");
		assertThat(claims.userId()).isEqualTo(userId);
		assertThat(claims.issuedAt()).isEqualTo(NOW);
		assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
	}

	@Test
	void issueWritesIssAudAndTypedHeader() {
		String token = this.tokens.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		assertThat(TestJwts.part(token, 0)).contains("\"typ\":\"service+jwt\"").contains("\"alg\":\"HS256\"");
		assertThat(TestJwts.part(token, 1)).contains("\"iss\":\"gateway\"").contains("\"auth-billing\"");
	}

	@Test
	void issueThenVerifyWithoutUserHasNoUser() {
		String token = this.tokens.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		assertThat(this.tokens.verify(token, AUDIENCE).userId()).isNull();
	}

	@Test
	void verifyWhenWrongAudienceThenRejected() {
		String token = this.tokens.issue("intelligence", "memory", null, Duration.ofMinutes(1));

		assertRejected(this.tokens, token, AUDIENCE);
	}

	@Test
	void verifyWhenLifetimeExactlyFiveMinutesThenAccepted() {
		assertThat(this.tokens.verify(jjwtToken("intelligence", NOW, NOW.plus(Duration.ofMinutes(5))), AUDIENCE)
			.service()).isEqualTo("intelligence");
	}

	@Test
	void verifyWhenLifetimeOverFiveMinutesThenRejected() {
		assertRejected(this.tokens, jjwtToken("intelligence", NOW, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)),
				AUDIENCE);
		assertRejected(this.tokens, jjwtToken("intelligence", NOW, NOW.plus(Duration.ofDays(365))), AUDIENCE);
	}

	@Test
	void verifyWhenIssuedInTheFutureThenRejected() {
		// exp - iat is five minutes, but a token dated a day ahead would be good for a day.
		Instant tomorrow = NOW.plus(Duration.ofDays(1));

		assertRejected(this.tokens, jjwtToken("intelligence", tomorrow, tomorrow.plus(Duration.ofMinutes(5))),
				AUDIENCE);
	}

	@Test
	void verifyWhenIssuedSlightlyAheadWithinClockSkewThenAccepted() {
		// Another replica's clock may run a few seconds ahead of ours.
		Instant ahead = NOW.plusSeconds(20);

		assertThat(this.tokens.verify(jjwtToken("gateway", ahead, ahead.plus(Duration.ofMinutes(1))), AUDIENCE)
			.service()).isEqualTo("gateway");
	}

	@Test
	void verifyWhenExpiredBeyondClockSkewThenRejected() {
		String token = this.tokens.issue("intelligence", AUDIENCE, null, Duration.ofMinutes(1));

		assertRejected(serviceTokensAt(NOW.plus(Duration.ofMinutes(2))), token, AUDIENCE);
	}

	@Test
	void verifyWhenIssuerMissingThenRejected() {
		assertRejected(this.tokens, jjwtToken(null, NOW, NOW.plus(Duration.ofMinutes(1))), AUDIENCE);
		assertRejected(this.tokens, jjwtToken(" ", NOW, NOW.plus(Duration.ofMinutes(1))), AUDIENCE);
	}

	@Test
	void verifyWhenNoIssuerThenRejected() {
		long now = NOW.getEpochSecond();
		String token = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"service+jwt\"}", "{\"aud\":[\"" + AUDIENCE
				+ "\"],\"iat\":" + now + ",\"exp\":" + (now + 60) + "}", "HmacSHA256", SECRET);

		assertThatThrownBy(() -> this.tokens.verify(token, AUDIENCE)).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("no issuer");
	}

	@Test
	void verifyWhenIssuerIsBlankStringThenRejected() {
		// jjwt's builder drops a blank iss, so this one is made by hand.
		String token = TestJwts.sign("{\"alg\":\"HS256\",\"typ\":\"service+jwt\"}", "{\"iss\":\" \",\"aud\":[\""
				+ AUDIENCE + "\"],\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(60).getEpochSecond()
				+ "}", "HmacSHA256", SECRET);

		assertRejected(this.tokens, token, AUDIENCE);
	}

	@Test
	void verifyWhenUserAccessTokenWithTheSameKeyThenRejected() {
		HmacJwt accessKind = new HmacJwt(SECRET, TokenKind.ACCESS, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
		String access = accessKind.sign(accessKind.builder()
			.header().keyId(ServiceKeys.SHARED_KEY_ID).and()
			.issuer("gateway")
			.audience().add(AUDIENCE).and()
			.subject(UUID.randomUUID().toString())
			.issuedAt(java.util.Date.from(NOW))
			.expiration(java.util.Date.from(NOW.plusSeconds(60)))
			.id(UUID.randomUUID().toString()));

		assertRejected(this.tokens, access, AUDIENCE);
	}

	@Test
	void verifyWhenSignedWithAnotherSecretThenRejected() {
		ServiceTokens other = new ServiceTokens("another-service-secret-0123456789abcdefgh",
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(this.tokens, other.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1)), AUDIENCE);
	}

	@Test
	void verifyWhenAlgNoneThenRejected() {
		String valid = this.tokens.issue("gateway", AUDIENCE, null, Duration.ofMinutes(1));

		assertRejected(this.tokens,
				TestJwts.unsigned("{\"alg\":\"none\",\"typ\":\"service+jwt\"}", TestJwts.part(valid, 1)), AUDIENCE);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "garbage", "a.b.c", "....", "eyJ.eyJ." })
	void verifyWhenGarbageThenRejected(String token) {
		assertRejected(this.tokens, token, AUDIENCE);
	}

	@Test
	void issueWhenTtlOverFiveMinutesThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tokens.issue("gateway", AUDIENCE, null, Duration.ofMinutes(5).plusSeconds(1)));
	}

	@Test
	void issueWhenTtlNotPositiveThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.issue("gateway", AUDIENCE, null, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tokens.issue("gateway", AUDIENCE, null, Duration.ofSeconds(-1)));
	}

	@Test
	void constructorWhenSecretShorterThan32BytesThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceTokens("short", Clock.systemUTC()));
	}

	private static void assertRejected(ServiceTokens tokens, String token, String audience) {
		assertThatThrownBy(() -> tokens.verify(token, audience)).isInstanceOf(InvalidTokenException.class);
	}

	private static String jjwtToken(String issuer, Instant issuedAt, Instant expiresAt) {
		return Jwts.builder()
			.header().type("service+jwt").and()
			.issuer(issuer)
			.audience().add(AUDIENCE).and()
			.issuedAt(Date.from(issuedAt))
			.expiration(Date.from(expiresAt))
			.id(UUID.randomUUID().toString())
			.signWith(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
	}

}
