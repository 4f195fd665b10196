package com.saasgate.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import com.saasgate.security.TestJwts;
import com.saasgate.security.servicetoken.ServiceTokens;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTests {

	/** The signing key of these tests, shared by the test class (generating one per test would be slow). */
	static final SigningKeys KEYS = SigningKeys.generate();

	/** What {@code JWT_SECRET} was: an HMAC secret, which must verify nothing now. */
	static final String SECRET = "access-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";

	static final String ISSUER = "saasgate";

	static final String AUDIENCE = "saasgate-api";

	static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

	static final Duration TTL = Duration.ofMinutes(15);

	static final Duration SKEW = Duration.ofSeconds(60);

	static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

	private final AccessTokens tokens = accessTokensAt(NOW);

	static AccessTokens accessTokensAt(Instant now) {
		return new AccessTokens(KEYS, ISSUER, AUDIENCE, TTL, SKEW, Clock.fixed(now, ZoneOffset.UTC));
	}

	/** A verifier with the public keys only, as the gateway has them. */
	static AccessTokens verifierAt(Instant now) {
		return new AccessTokens(new PublicKeySet(KEYS.publicKeys()), ISSUER, AUDIENCE, SKEW, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void issueThenVerifyReturnsTheClaims() {
		IssuedToken issued = this.tokens.issue(USER, "ada@example.com", "user");

		AccessTokenClaims claims = this.tokens.verify(issued.token());

		assertThat(claims.userId()).isEqualTo(USER);
		assertThat(claims.email()).isEqualTo("ada@example.com");
		assertThat(claims.role()).isEqualTo("user");
		assertThat(claims.tokenId()).isEqualTo(issued.tokenId());
		assertThat(claims.issuedAt()).isEqualTo(NOW);
		assertThat(claims.expiresAt()).isEqualTo(NOW.plus(TTL)).isEqualTo(issued.expiresAt());
	}

	@Test
	void issueWritesTheContractClaimsAndTypedEs256HeaderWithKid() {
		String token = this.tokens.issue(USER, "ada@example.com", "admin").token();

		assertThat(TestJwts.part(token, 0)).contains("\"alg\":\"ES256\"")
			.contains("\"typ\":\"at+jwt\"")
			.contains("\"kid\":\"" + KEYS.currentKeyId() + "\"");
		assertThat(TestJwts.part(token, 1)).contains("\"sub\":\"" + USER + "\"")
			.contains("\"email\":\"ada@example.com\"")
			.contains("\"role\":\"admin\"")
			.contains("\"iss\":\"saasgate\"")
			.contains("\"aud\":")
			.contains("\"saasgate-api\"")
			.contains("\"iat\":" + NOW.getEpochSecond())
			.contains("\"exp\":" + NOW.plus(TTL).getEpochSecond())
			.containsPattern("\"jti\":\"[0-9a-f-]{36}\"");
	}

	@Test
	void issueGivesEveryTokenItsOwnId() {
		String first = this.tokens.issue(USER, "ada@example.com", "user").tokenId();
		String second = this.tokens.issue(USER, "ada@example.com", "user").tokenId();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void verifyWhenHandMadeTokenIsWellFormedThenAccepted() {
		// The control for the hand-made tokens below: only the one thing each of them changes is wrong.
		String token = signed(payload());

		assertThat(this.tokens.verify(token).userId()).isEqualTo(USER);
	}

	@Test
	void verifyWhenOnlyThePublicKeysAreKnownThenAccepted() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();

		assertThat(verifierAt(NOW).verify(token).userId()).isEqualTo(USER);
	}

	@Test
	void issueWhenOnlyThePublicKeysAreKnownThenRefused() {
		assertThatThrownBy(() -> verifierAt(NOW).issue(USER, "ada@example.com", "user"))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void verifyWhenSignedWithTheOldSharedSecretThenRejected() {
		// JWT_SECRET no longer verifies an access token, whatever kid it names.
		assertRejected(TestJwts.sign(header("HS256", "at+jwt"), payload(), "HmacSHA256", SECRET));
		assertRejected(TestJwts.sign(headerWithKid("HS256", "at+jwt"), payload(), "HmacSHA256", SECRET));
		assertRejected(jjwtToken(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
				Jwts.SIG.HS256));
	}

	@Test
	void verifyWhenHs256KeyedByThePublicKeyThenRejected() {
		// Algorithm confusion: whoever has the JWKS holds the public key; as an HMAC secret it must verify nothing.
		var publicJwk = KEYS.publicKeys().get(0);
		byte[] encoded = publicJwk.toKey().getEncoded();
		String json = JwkText.publicJson(publicJwk);
		assertRejected(TestJwts.sign(headerWithKid("HS256", "at+jwt"), payload(), "HmacSHA256", encoded));
		assertRejected(TestJwts.sign(headerWithKid("HS256", "at+jwt"), payload(), "HmacSHA256",
				json.getBytes(StandardCharsets.UTF_8)));
		assertRejected(TestJwts.sign(headerWithKid("HS256", "at+jwt"), payload(), "HmacSHA256",
				java.util.Base64.getEncoder().encode(encoded)));
	}

	@Test
	void verifyWhenKidUnknownOrMissingThenRejectedAsUnknownKey() {
		SigningKeys unknown = SigningKeys.generate();
		String token = TestJwts.signEs256("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + unknown.currentKeyId()
				+ "\"}", payload(), (java.security.PrivateKey) unknown.privateJwk().toKey());

		assertThatThrownBy(() -> this.tokens.verify(token)).isInstanceOf(UnknownKeyException.class);
		assertThatThrownBy(() -> this.tokens.verify(TestJwts.signEs256(header("ES256", "at+jwt"), payload(), privateKey())))
			.isInstanceOf(UnknownKeyException.class);
	}

	@Test
	void verifyWhenSignedByAnotherKeyUnderOurKidThenRejected() {
		SigningKeys other = SigningKeys.generate();

		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "at+jwt"), payload(),
				(java.security.PrivateKey) other.privateJwk().toKey()));
	}

	@Test
	void verifyWhenHeaderNamesAnotherAsymmetricAlgorithmThenRejected() {
		assertRejected(TestJwts.signEs256(headerWithKid("ES384", "at+jwt"), payload(), privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("EdDSA", "at+jwt"), payload(), privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("RS256", "at+jwt"), payload(), privateKey()));
	}

	@Test
	void verifyWhenAlgNoneFromJjwtThenRejected() {
		String token = Jwts.builder()
			.header().type("at+jwt").and()
			.subject(USER.toString())
			.claim("email", "ada@example.com")
			.claim("role", "admin")
			.issuer(ISSUER)
			.audience().add(AUDIENCE).and()
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plus(TTL)))
			.id(UUID.randomUUID().toString())
			.compact();
		assertThat(TestJwts.part(token, 0)).contains("\"alg\":\"none\"");

		assertRejected(token);
	}

	@Test
	void verifyWhenAlgNoneHandMadeThenRejected() {
		assertRejected(TestJwts.unsigned(header("none", "at+jwt"), payload()));
		assertRejected(TestJwts.unsigned(header("None", "at+jwt"), payload()));
		assertRejected(TestJwts.unsigned(header("NONE", "at+jwt"), payload()));
	}

	@Test
	void verifyWhenAlgNoneKeepsAValidSignatureThenRejected() {
		String valid = this.tokens.issue(USER, "ada@example.com", "user").token();

		assertRejected(TestJwts.replacePart(valid, 0, header("none", "at+jwt")));
	}

	@Test
	void verifyWhenSignedWithHs384OrHs512OverTheOldSecretThenRejected() {
		assertRejected(TestJwts.sign(headerWithKid("HS384", "at+jwt"), payload(), "HmacSHA384", SECRET));
		assertRejected(TestJwts.sign(headerWithKid("HS512", "at+jwt"), payload(), "HmacSHA512", SECRET));
	}

	@Test
	void verifyWhenHeaderSaysEs256OverAnHmacThenRejected() {
		assertRejected(TestJwts.sign(headerWithKid("ES256", "at+jwt"), payload(), "HmacSHA256", SECRET));
	}

	@Test
	void verifyWhenIssuedWithAnotherKeyThenRejected() {
		AccessTokens other = new AccessTokens(SigningKeys.generate(), ISSUER, AUDIENCE, TTL, SKEW,
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(other.issue(USER, "ada@example.com", "user").token());
	}

	@Test
	void verifyWhenRefreshTokenThenRejected() {
		RefreshTokens refreshTokens = new RefreshTokens(SECRET, ISSUER, Clock.fixed(NOW, ZoneOffset.UTC));
		assertRejected(new SignedJwt(KEYS, TokenKind.REFRESH, SKEW, Clock.fixed(NOW, ZoneOffset.UTC))
			.sign(Jwts.builder().header().type("refresh+jwt").and().subject(USER.toString())
				.issuer(ISSUER).audience().add(AUDIENCE).and().issuedAt(Date.from(NOW))
				.expiration(Date.from(NOW.plus(TTL))).id("x").claim("email", "a@b.c").claim("role", "user")));
		String refresh = refreshTokens.issue(new RefreshTokenClaims(UUID.randomUUID(), USER, UUID.randomUUID(),
				NOW.plus(Duration.ofDays(30))));

		assertRejected(refresh);
	}

	@Test
	void verifyWhenServiceTokenThenRejected() {
		ServiceTokens serviceTokens = new ServiceTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(serviceTokens.issue(ISSUER, AUDIENCE, USER.toString(), Duration.ofMinutes(5)));
	}

	@Test
	void verifyWhenTypMissingOrForeignThenRejected() {
		assertRejected(TestJwts.signEs256("{\"alg\":\"ES256\",\"kid\":\"" + KEYS.currentKeyId() + "\"}", payload(),
				privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "JWT"), payload(), privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "refresh+jwt"), payload(), privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", ""), payload(), privateKey()));
	}

	@Test
	void verifyWhenWrongIssuerThenRejected() {
		AccessTokens otherIssuer = new AccessTokens(KEYS, "someone-else", AUDIENCE, TTL, SKEW,
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(otherIssuer.issue(USER, "ada@example.com", "user").token());
		assertRejected(signed(payload("iss", null)));
	}

	@Test
	void verifyWhenWrongAudienceThenRejected() {
		AccessTokens otherAudience = new AccessTokens(KEYS, ISSUER, "another-api", TTL, SKEW,
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertRejected(otherAudience.issue(USER, "ada@example.com", "user").token());
		assertRejected(signed(payload("aud", null)));
		assertRejected(signed(payload("aud", "[]")));
	}

	@Test
	void verifyWhenAudienceIsAPlainStringThenAccepted() {
		// RFC 7519 section 4.1.3 allows a single audience as a string.
		assertThat(this.tokens.verify(signed(payload("aud", "\"saasgate-api\""))).userId()).isEqualTo(USER);
	}

	@Test
	void verifyWhenExpiredBeyondClockSkewThenRejected() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();
		AccessTokens later = accessTokensAt(NOW.plus(TTL).plus(SKEW).plusSeconds(1));

		assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void verifyWhenExpiredWithinClockSkewThenAccepted() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();
		AccessTokens thirtySecondsAfterExpiry = accessTokensAt(NOW.plus(TTL).plusSeconds(30));

		assertThat(thirtySecondsAfterExpiry.verify(token).userId()).isEqualTo(USER);
	}

	@Test
	void verifyWhenNotYetValidBeyondClockSkewThenRejected() {
		assertRejected(signed(payload("nbf", Long.toString(NOW.plusSeconds(120).getEpochSecond()))));
	}

	@Test
	void verifyWhenSignatureTamperedThenRejected() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();
		String signature = token.substring(token.lastIndexOf('.') + 1);
		char flipped = (signature.charAt(5) == 'A') ? 'B' : 'A';
		String tampered = token.substring(0, token.lastIndexOf('.') + 1) + signature.substring(0, 5) + flipped
				+ signature.substring(6);

		assertRejected(tampered);
		assertRejected(token.substring(0, token.lastIndexOf('.') + 1));
		assertRejected(token.substring(0, token.length() - 4));
	}

	@Test
	void verifyWhenPayloadTamperedThenRejected() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();
		String escalated = TestJwts.part(token, 1).replace("\"role\":\"user\"", "\"role\":\"admin\"");
		assertThat(escalated).contains("\"role\":\"admin\"");

		assertRejected(TestJwts.replacePart(token, 1, escalated));
	}

	@Test
	void verifyWhenHeaderTamperedThenRejected() {
		String token = this.tokens.issue(USER, "ada@example.com", "user").token();

		assertRejected(TestJwts.replacePart(token, 0, "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"x\"}"));
		assertRejected(TestJwts.replacePart(token, 0, headerWithKid("ES256", "at+jwt").replace("}", ",\"x\":1}")));
	}

	@Test
	void verifyWhenRequiredClaimMissingThenRejected() {
		assertRejected(signed(payload("sub", null)));
		assertRejected(signed(payload("email", null)));
		assertRejected(signed(payload("role", null)));
		assertRejected(signed(payload("jti", null)));
		assertRejected(signed(payload("iat", null)));
		assertRejected(signed(payload("exp", null)));
	}

	@Test
	void verifyWhenRequiredStringClaimBlankThenRejected() {
		assertRejected(signed(payload("email", "\" \"")));
		assertRejected(signed(payload("role", "\"\"")));
		assertRejected(signed(payload("jti", "\"\\t\"")));
	}

	@Test
	void verifyWhenNullOrBlankThenRejectedAsNoToken() {
		// Refused by our own check, before the parser sees it.
		assertThatThrownBy(() -> this.tokens.verify(null)).isInstanceOf(InvalidTokenException.class)
			.hasMessage("no token");
		assertThatThrownBy(() -> this.tokens.verify(" ")).isInstanceOf(InvalidTokenException.class)
			.hasMessage("no token");
	}

	@Test
	void ttlWhenBuiltThenTheConfiguredLifetime() {
		assertThat(this.tokens.ttl()).isEqualTo(TTL);
	}

	@Test
	void verifyWhenClaimsHaveWrongTypesThenRejected() {
		assertRejected(signed(payload("sub", "\"not-a-uuid\"")));
		assertRejected(signed(payload("sub", "42")));
		assertRejected(signed(payload("email", "{\"a\":1}")));
		assertRejected(signed(payload("role", "[\"admin\"]")));
		assertRejected(signed(payload("iss", "42")));
		assertRejected(signed(payload("aud", "42")));
		assertRejected(signed(payload("exp", "\"tomorrow\"")));
		assertRejected(signed(payload("iat", "\"today\"")));
	}

	@Test
	void verifyWhenPayloadIsNotAJsonObjectThenRejected() {
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "at+jwt"), "[1,2,3]", privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "at+jwt"), "not json", privateKey()));
		assertRejected(TestJwts.signEs256(headerWithKid("ES256", "at+jwt"), "", privateKey()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "a.b.c", "a.b", "...", "....", "eyJ.eyJ.", "Bearer x.y.z", "a.b.c.d.e",
			"eyJhbGciOiJIUzI1NiJ9", "\u0000\u0001.\u0002.\u0003", "ünïcödé.tökën.sïg" })
	void verifyWhenGarbageThenRejected(String token) {
		assertRejected(token);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n" })
	void verifyWhenNullOrBlankThenRejected(String token) {
		assertRejected(token);
	}

	@Test
	void constructorWhenClockSkewOver60SecondsOrNegativeThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AccessTokens(KEYS, ISSUER, AUDIENCE, TTL, Duration.ofSeconds(61), Clock.systemUTC()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AccessTokens(KEYS, ISSUER, AUDIENCE, TTL, Duration.ofSeconds(-1), Clock.systemUTC()));
	}

	@Test
	void constructorWhenTtlNotPositiveOrNamesBlankThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessTokens(KEYS, ISSUER, AUDIENCE, Duration.ZERO, SKEW, Clock.systemUTC()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AccessTokens(KEYS, ISSUER, AUDIENCE, Duration.ofSeconds(-1), SKEW, Clock.systemUTC()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessTokens(KEYS, null, AUDIENCE, TTL, SKEW, Clock.systemUTC()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessTokens(KEYS, " ", AUDIENCE, TTL, SKEW, Clock.systemUTC()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessTokens(KEYS, ISSUER, "", TTL, SKEW, Clock.systemUTC()));
	}

	private void assertRejected(String token) {
		assertThatThrownBy(() -> this.tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	private static String jjwtToken(SecretKeySpec key, io.jsonwebtoken.security.MacAlgorithm algorithm) {
		return Jwts.builder()
			.header().type("at+jwt").and()
			.subject(USER.toString())
			.claim("email", "ada@example.com")
			.claim("role", "user")
			.issuer(ISSUER)
			.audience().add(AUDIENCE).and()
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plus(TTL)))
			.id(UUID.randomUUID().toString())
			.signWith(key, algorithm)
			.compact();
	}

	static java.security.PrivateKey privateKey() {
		return (java.security.PrivateKey) KEYS.privateJwk().toKey();
	}

	static String headerWithKid(String alg, String typ) {
		return "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + KEYS.currentKeyId() + "\"}";
	}

	static String header(String alg, String typ) {
		return "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\"}";
	}

	/** A valid access token payload; each pair of arguments replaces a claim with raw JSON, null removes it. */
	static String payload(String... overrides) {
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("sub", "\"" + USER + "\"");
		claims.put("email", "\"ada@example.com\"");
		claims.put("role", "\"user\"");
		claims.put("iss", "\"" + ISSUER + "\"");
		claims.put("aud", "[\"" + AUDIENCE + "\"]");
		claims.put("iat", Long.toString(NOW.getEpochSecond()));
		claims.put("exp", Long.toString(NOW.plus(TTL).getEpochSecond()));
		claims.put("jti", "\"" + UUID.randomUUID() + "\"");
		for (int i = 0; i < overrides.length; i += 2) {
			if (overrides[i + 1] == null) {
				claims.remove(overrides[i]);
			}
			else {
				claims.put(overrides[i], overrides[i + 1]);
			}
		}
		return claims.entrySet()
			.stream()
			.map((claim) -> "\"" + claim.getKey() + "\":" + claim.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String signed(String payload) {
		return TestJwts.signEs256(headerWithKid("ES256", "at+jwt"), payload, privateKey());
	}

}
