package com.saasgate.authbilling.security;

import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.TokenKind;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The resource server's decoder, over shared-security's {@link AccessTokens}: the one place where the
 * algorithm (ES256 or EdDSA, bound to the key its {@code kid} names), the key, {@code typ}, {@code iss}, {@code aud} and the time claims are
 * checked, the same code the gateway runs. A Nimbus decoder would need each of those pins restated,
 * and could drift from the gateway's.
 */
final class AccessTokenDecoder implements JwtDecoder {

	private final AccessTokens accessTokens;

	AccessTokenDecoder(AccessTokens accessTokens) {
		this.accessTokens = accessTokens;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		AccessTokenClaims claims;
		try {
			claims = this.accessTokens.verify(token);
		}
		catch (InvalidTokenException ex) {
			throw new BadJwtException("access token rejected", ex);
		}
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.header("typ", TokenKind.ACCESS.type())
			.subject(claims.userId().toString())
			.claim("email", claims.email())
			.claim("role", claims.role())
			.jti(claims.tokenId())
			.issuedAt(claims.issuedAt())
			.expiresAt(claims.expiresAt())
			.build();
	}

}
