package com.saasgate.security.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

import com.saasgate.security.jwt.SignedJwt;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.jwt.TokenKind;

/**
 * Service tokens one service signs with its own private key ({@code GATEWAY_SIGNING_KEY} for the
 * gateway), in the contract's shape (API contract section 6: {@code typ: service+jwt}, {@code iss} the
 * service, {@code aud} the called service, {@code exp} at most five minutes after {@code iat}) but ES256,
 * with the key's thumbprint in {@code kid}. Whoever verifies needs the public key only (a JWKS, or
 * {@code SERVICE_PUBLIC_KEY_<NAME>} in auth-billing, {@link ServiceTokens}), so a receiver cannot mint
 * one: an upstream holding the gateway's token cannot forge the gateway's tokens to auth-billing.
 */
public final class SignedServiceTokens {

	private final String service;

	private final SignedJwt jwt;

	/** @param service the signing service, put in {@code iss} */
	public SignedServiceTokens(String service, SigningKeys keys, Clock clock) {
		this.service = Objects.requireNonNull(service, "service must not be null");
		this.jwt = new SignedJwt(keys, TokenKind.SERVICE, Duration.ZERO, clock);
	}

	/**
	 * @param audience the called service, put in {@code aud}
	 * @param userId the user acted for, or {@code null}
	 */
	public String issue(String audience, String userId, Duration ttl) {
		Objects.requireNonNull(audience, "audience must not be null");
		if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(ServiceTokens.MAX_LIFETIME) > 0) {
			throw new IllegalArgumentException("ttl must be positive and at most " + ServiceTokens.MAX_LIFETIME);
		}
		Instant now = this.jwt.clock().instant();
		return this.jwt.sign(this.jwt.builder()
			.issuer(this.service)
			.audience().add(audience).and()
			.subject(userId)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(ttl)))
			.id(UUID.randomUUID().toString()));
	}

}
