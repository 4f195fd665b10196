package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

import io.jsonwebtoken.Claims;

/**
 * Issues and verifies user access tokens: HS256 JWTs with {@code sub}, {@code email}, {@code role},
 * {@code iss}, {@code aud}, {@code iat}, {@code exp} and {@code jti}, typed {@code at+jwt}, with the
 * signing key's id in {@code kid} ({@link HmacKeys}). The gateway verifies them without a network
 * call; auth-billing issues them.
 */
public final class AccessTokens {

	private final HmacJwt jwt;

	private final String issuer;

	private final String audience;

	private final Duration ttl;

	public AccessTokens(String secret, String issuer, String audience, Duration ttl, Duration clockSkew, Clock clock) {
		this(HmacKeys.of(secret), issuer, audience, ttl, clockSkew, clock);
	}

	/**
	 * @param keys {@code JWT_SECRET}, which signs, and {@code JWT_SECRET_PREVIOUS}, which still verifies
	 * while a rotation lasts
	 */
	public AccessTokens(HmacKeys keys, String issuer, String audience, Duration ttl, Duration clockSkew, Clock clock) {
		this.jwt = new HmacJwt(keys, TokenKind.ACCESS, clockSkew, clock);
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

	/** @throws InvalidTokenException when the token is not a valid, current access token of ours */
	public AccessTokenClaims verify(String token) {
		Claims claims = this.jwt.parse(token);
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
