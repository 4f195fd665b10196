package com.saasgate.security.servicetoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

import com.saasgate.security.jwt.HmacJwt;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.SignedJwt;
import com.saasgate.security.jwt.TokenKind;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;

/**
 * Issues and verifies service tokens (API contract section 6). A token whose lifetime ({@code exp}
 * minus {@code iat}) exceeds {@link #MAX_LIFETIME}, or whose {@code iat} lies ahead beyond the clock
 * skew, is refused even when its signature is good, so a leaked token is worth minutes, not days.
 * Keys are chosen per service ({@link ServiceKeys}): a service with its own key signs with it, and a
 * token claiming such a service is accepted only under that key.
 */
public final class ServiceTokens {

	/** The longest lifetime a service token may claim. */
	public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	/** How far the clocks of two services may disagree. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final ServiceKeys keys;

	private final HmacJwt jwt;

	private final SignedJwt signed;

	/** With the shared key only. */
	public ServiceTokens(String secret, Clock clock) {
		this(ServiceKeys.shared(secret), clock);
	}

	public ServiceTokens(ServiceKeys keys, Clock clock) {
		this.keys = Objects.requireNonNull(keys, "keys must not be null");
		this.jwt = new HmacJwt(keys.candidates(), TokenKind.SERVICE, CLOCK_SKEW, clock);
		this.signed = new SignedJwt(keys.publicKeys(), TokenKind.SERVICE, CLOCK_SKEW, clock);
	}

	/**
	 * Signs with the service's own key when it has one, else the shared key, and names the key in
	 * {@code kid}.
	 * @param service the calling service, put in {@code iss}
	 * @param audience the called service, put in {@code aud}
	 * @param userId the user acted for, or {@code null}
	 */
	public String issue(String service, String audience, String userId, Duration ttl) {
		Objects.requireNonNull(service, "service must not be null");
		Objects.requireNonNull(audience, "audience must not be null");
		if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_LIFETIME) > 0) {
			throw new IllegalArgumentException("ttl must be positive and at most " + MAX_LIFETIME);
		}
		Instant now = this.jwt.clock().instant();
		return this.jwt.sign(this.jwt.builder()
			.header().keyId(this.keys.keyIdFor(service)).and()
			.issuer(service)
			.audience().add(audience).and()
			.subject(userId)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(ttl)))
			.id(UUID.randomUUID().toString()), this.keys.signingKeyFor(service));
	}

	/**
	 * Verifies a token signed with a registered public key (ES256 or EdDSA, by {@code kid}) or with an
	 * HMAC key (HS256): each verifier pins its own algorithms and keys, so a token passes one of them or
	 * neither, and the public key of one never verifies as the secret of the other.
	 * @throws InvalidTokenException when the token is not a valid, current service token for the audience
	 */
	public ServiceTokenClaims verify(String token, String audience) {
		Jws<Claims> jws = parseSignedOrHmac(token);
		Claims claims = jws.getPayload();
		HmacJwt.requireAudience(claims, audience);
		String service = claims.getIssuer();
		if (service == null || service.isBlank()) {
			throw new InvalidTokenException("service token names no issuer");
		}
		String keyId = jws.getHeader().getKeyId();
		String publicKeyOwner = this.keys.ownerOfPublicKey(keyId);
		boolean ownKey;
		if (publicKeyOwner != null) {
			if (!publicKeyOwner.equals(service)) {
				throw new InvalidTokenException("service token is signed with the key of another service");
			}
			ownKey = true;
		}
		else {
			ownKey = this.keys.requireKeyOf(service, keyId);
		}
		Instant issuedAt = claims.getIssuedAt().toInstant();
		Instant expiresAt = claims.getExpiration().toInstant();
		if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
			throw new InvalidTokenException("service token lives longer than " + MAX_LIFETIME);
		}
		// A token dated ahead would outlive MAX_LIFETIME counted from now.
		if (issuedAt.isAfter(this.jwt.clock().instant().plus(CLOCK_SKEW))) {
			throw new InvalidTokenException("service token is issued in the future");
		}
		return new ServiceTokenClaims(service, claims.getSubject(), issuedAt, expiresAt, ownKey);
	}

	private Jws<Claims> parseSignedOrHmac(String token) {
		try {
			return this.signed.parseSigned(token);
		}
		catch (InvalidTokenException notSignedWithAPublicKey) {
			return this.jwt.parseSigned(token);
		}
	}

}
