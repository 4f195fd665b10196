package com.saasgate.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Claims;

/**
 * Signs and reads refresh tokens (typed {@code refresh+jwt}, with their own key). A valid signature
 * only says the token was ours once: auth-billing still looks it up by id and hash, because refresh
 * tokens are revocable and single-use.
 */
public final class RefreshTokens {

	private static final String FAMILY = "fam";

	private final HmacJwt jwt;

	private final String issuer;

	public RefreshTokens(String secret, String issuer, Clock clock) {
		this(HmacKeys.of(secret), issuer, clock);
	}

	/**
	 * @param keys {@code JWT_REFRESH_SECRET}, which signs, and {@code JWT_REFRESH_SECRET_PREVIOUS},
	 * which still verifies while a rotation lasts
	 */
	public RefreshTokens(HmacKeys keys, String issuer, Clock clock) {
		this.jwt = new HmacJwt(keys, TokenKind.REFRESH, Duration.ZERO, clock);
		this.issuer = AccessTokens.requireText(issuer, "issuer");
	}

	public String issue(RefreshTokenClaims claims) {
		return this.jwt.sign(this.jwt.builder()
			.id(claims.tokenId().toString())
			.subject(claims.userId().toString())
			.claim(FAMILY, claims.familyId().toString())
			.issuer(this.issuer)
			.audience().add(this.issuer).and()
			.issuedAt(Date.from(this.jwt.clock().instant()))
			.expiration(Date.from(claims.expiresAt())));
	}

	/** @throws InvalidTokenException when the token is not a current refresh token of ours */
	public RefreshTokenClaims verify(String token) {
		Claims claims = this.jwt.parse(token);
		HmacJwt.requireIssuer(claims, this.issuer);
		HmacJwt.requireAudience(claims, this.issuer);
		try {
			return new RefreshTokenClaims(UUID.fromString(HmacJwt.requireString(claims, Claims.ID)),
					AccessTokens.userId(claims), UUID.fromString(HmacJwt.requireString(claims, FAMILY)),
					claims.getExpiration().toInstant());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("refresh token ids are not UUIDs", ex);
		}
	}

}
