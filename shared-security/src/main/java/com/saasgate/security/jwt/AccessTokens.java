package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

import io.jsonwebtoken.Claims;

/**
 * Issues and verifies user access tokens: JWTs with {@code sub}, {@code email}, {@code role},
 * {@code iss}, {@code aud}, {@code iat}, {@code exp} and {@code jti}, typed {@code at+jwt}, signed
 * with auth-billing's private key (ES256; {@link SignedJwt}) and naming it in {@code kid}. auth-billing
 * issues them; whoever verifies them (the gateway, any upstream) needs only the public keys, so it
 * cannot mint one. No shared secret verifies an access token.
 */
public final class AccessTokens {

	private final SignedJwt jwt;

	private final String issuer;

	private final String audience;

	private final Duration ttl;

	/**
	 * The issuer's: signs and verifies.
	 * @param keys {@code JWT_SIGNING_KEY}, which signs, and {@code JWT_SIGNING_KEY_PREVIOUS}, which is
	 * published and still verifies while a rotation lasts
	 */
	public AccessTokens(SigningKeys keys, String issuer, String audience, Duration ttl, Duration clockSkew, Clock clock) {
		this(new SignedJwt(keys, TokenKind.ACCESS, clockSkew, clock), issuer, audience, ttl);
	}

	/**
	 * A verifier's: {@link #issue} throws.
	 * @param keys the issuer's public keys, as its JWKS publishes them
	 */
	public AccessTokens(PublicKeys keys, String issuer, String audience, Duration clockSkew, Clock clock) {
		this(new SignedJwt(keys, TokenKind.ACCESS, clockSkew, clock), issuer, audience, Duration.ofMinutes(15));
	}

	private AccessTokens(SignedJwt jwt, String issuer, String audience, Duration ttl) {
		this.jwt = jwt;
		this.issuer = requireText(issuer, "issuer");
		this.audience = requireText(audience, "audience");
		this.ttl = Objects.requireNonNull(ttl, "ttl must not be null");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive");
		}
	}

	public Duration ttl() {
		return this.ttl;
	}

	public IssuedToken issue(UUID userId, String email, String role) {
		Instant now = this.jwt.clock().instant();
		Instant expiresAt = now.plus(this.ttl);
		String tokenId = UUID.randomUUID().toString();
		String token = this.jwt.sign(this.jwt.builder()
			.subject(userId.toString())
			.claim("email", email)
			.claim("role", role)
			.issuer(this.issuer)
			.audience().add(this.audience).and()
			.issuedAt(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(tokenId));
		return new IssuedToken(token, tokenId, expiresAt);
	}

	/**
	 * @throws UnknownKeyException when the token names a key the verifier has none of
	 * @throws InvalidTokenException when the token is not a valid, current access token of ours
	 */
	public AccessTokenClaims verify(String token) {
		Claims claims = this.jwt.parseSigned(token).getPayload();
		HmacJwt.requireIssuer(claims, this.issuer);
		HmacJwt.requireAudience(claims, this.audience);
		return new AccessTokenClaims(userId(claims), HmacJwt.requireString(claims, "email"),
				HmacJwt.requireString(claims, "role"), HmacJwt.requireString(claims, Claims.ID),
				claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
	}

	static UUID userId(Claims claims) {
		try {
			return UUID.fromString(HmacJwt.requireString(claims, Claims.SUBJECT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("subject is not a user id", ex);
		}
	}

	static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

}
