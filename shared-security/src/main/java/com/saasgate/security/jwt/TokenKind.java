package com.saasgate.security.jwt;

import java.util.function.Function;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;

/**
 * The kinds of JWT the suite issues, told apart by the {@code typ} header (explicit typing, RFC 8725
 * section 3.11) and by their keys, so that one kind is never accepted where another is expected.
 */
public enum TokenKind {

	/** A user's access token; {@code at+jwt} as in RFC 9068. */
	ACCESS("at+jwt"),

	/** A user's refresh token, only ever read by auth-billing. */
	REFRESH("refresh+jwt"),

	/** A service-to-service token ({@code X-Service-Token}). */
	SERVICE("service+jwt");

	private final String type;

	TokenKind(String type) {
		this.type = type;
	}

	/** The value of the {@code typ} header. */
	public String type() {
		return this.type;
	}

	/**
	 * A token of this kind, parsed by {@code parser} (which checks signature, algorithm and time), then
	 * checked for this kind's {@code typ} and for {@code exp} and {@code iat}: the one check every signed
	 * kind shares, whatever its keys.
	 * @throws InvalidTokenException for every failure but the ones the parser throws as its own (such as
	 * {@link UnknownKeyException})
	 */
	Jws<Claims> parse(String token, Function<String, Jws<Claims>> parser) {
		if (token == null || token.isBlank()) {
			throw new InvalidTokenException("no token");
		}
		try {
			Jws<Claims> jws = parser.apply(token);
			if (!this.type.equals(jws.getHeader().getType())) {
				throw new InvalidTokenException("token is not of kind " + this);
			}
			Claims claims = jws.getPayload();
			if (claims.getExpiration() == null || claims.getIssuedAt() == null) {
				throw new InvalidTokenException("token has no exp or iat");
			}
			return jws;
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidTokenException("token rejected: " + ex.getMessage(), ex);
		}
	}

}
