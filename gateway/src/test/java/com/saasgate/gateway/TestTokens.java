package com.saasgate.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;
import java.util.Map;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.jwt.RefreshTokenClaims;
import com.saasgate.security.jwt.RefreshTokens;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/** Access tokens as auth-billing would issue them, and the forgeries a gateway must refuse. */
public final class TestTokens {

	private static final SigningKeys KEYS = new SigningKeys(TestSecrets.JWT_SIGNING_KEY, null);

	private TestTokens() {
	}

	/**
	 * A verifier of the gateway's service tokens as auth-billing is configured: the gateway's public key
	 * only ({@code SERVICE_PUBLIC_KEY_GATEWAY}), beside an unrelated shared HMAC key.
	 */
	public static ServiceTokens serviceTokenVerifier() {
		return new ServiceTokens(new ServiceKeys(HmacKeys.of(TestSecrets.SERVICE_JWT_SECRET), Map.of(),
				Map.of("gateway", new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null).publicKeys())), Clock.systemUTC());
	}

	/** auth-billing's JWKS as {@link AuthBillingStub} serves it: the current and the previous public key. */
	public static String jwks() {
		return JwkText.jwksJson(new SigningKeys(TestSecrets.JWT_SIGNING_KEY, TestSecrets.JWT_SIGNING_KEY_PREVIOUS).publicKeys());
	}

	public static String valid(UUID userId) {
		return tokens(TestSecrets.ISSUER, TestSecrets.AUDIENCE, Clock.systemUTC()).issue(userId, "ada@example.com", "user")
			.token();
	}

	/** As auth-billing issued them before the key was rotated: signed with {@code JWT_SECRET_PREVIOUS}. */
	public static String signedWithPreviousKey(UUID userId) {
		return new AccessTokens(new SigningKeys(TestSecrets.JWT_SIGNING_KEY_PREVIOUS, null), TestSecrets.ISSUER,
				TestSecrets.AUDIENCE, Duration.ofMinutes(15), Duration.ofSeconds(60), Clock.systemUTC())
			.issue(userId, "ada@example.com", "user")
			.token();
	}

	/** Every claim right, signed with a key the gateway does not know. */
	public static String signedWithUnknownKey(UUID userId) {
		return new AccessTokens(SigningKeys.generate(), TestSecrets.ISSUER, TestSecrets.AUDIENCE, Duration.ofMinutes(15),
				Duration.ofSeconds(60), Clock.systemUTC())
			.issue(userId, "ada@example.com", "user")
			.token();
	}

	/** Expired well beyond the 60 s clock skew the gateway tolerates. */
	public static String expired(UUID userId) {
		Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
		return tokens(TestSecrets.ISSUER, TestSecrets.AUDIENCE, anHourAgo).issue(userId, "ada@example.com", "user")
			.token();
	}

	public static String wrongIssuer(UUID userId) {
		return tokens("someone-else", TestSecrets.AUDIENCE, Clock.systemUTC()).issue(userId, "ada@example.com", "user")
			.token();
	}

	public static String wrongAudience(UUID userId) {
		return tokens(TestSecrets.ISSUER, "another-api", Clock.systemUTC()).issue(userId, "ada@example.com", "user")
			.token();
	}

	/** A refresh token signed with the access-token key: right key, wrong kind. */
	public static String refreshKind(UUID userId) {
		return new RefreshTokens(TestSecrets.JWT_SECRET, TestSecrets.ISSUER, Clock.systemUTC())
			.issue(new RefreshTokenClaims(UUID.randomUUID(), userId, UUID.randomUUID(),
					Instant.now().plus(Duration.ofDays(1))));
	}

	/** Every claim right, {@code alg: none}. */
	public static String unsigned(UUID userId) {
		return claims(userId).compact();
	}

	/** Every claim right, HS256 over the old shared {@code JWT_SECRET}, which verifies nothing now. */
	public static String hs256WithOldSecret(UUID userId) {
		SecretKey key = Keys.hmacShaKeyFor(TestSecrets.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
		return claims(userId).signWith(key, Jwts.SIG.HS256).compact();
	}

	/** Every claim right, HS512 over the old shared secret. */
	public static String hs512(UUID userId) {
		SecretKey key = Keys.hmacShaKeyFor(TestSecrets.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
		return claims(userId).signWith(key, Jwts.SIG.HS512).compact();
	}

	private static JwtBuilder claims(UUID userId) {
		Instant now = Instant.now();
		return Jwts.builder()
			.header()
			.type("at+jwt")
			.and()
			.subject(userId.toString())
			.claim("email", "ada@example.com")
			.claim("role", "user")
			.issuer(TestSecrets.ISSUER)
			.audience()
			.add(TestSecrets.AUDIENCE)
			.and()
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofMinutes(15))))
			.id(UUID.randomUUID().toString());
	}

	private static AccessTokens tokens(String issuer, String audience, Clock clock) {
		return new AccessTokens(KEYS, issuer, audience, Duration.ofMinutes(15), Duration.ZERO, clock);
	}

}
