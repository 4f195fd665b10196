package com.saasgate.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.security.Keys;

/**
 * One HS256 key (or a key locator choosing among several by {@code kid}) and one token kind: builds
 * and parses compact JWS strings. The parser accepts HS256 only (RFC 8725 section 3.1: the algorithm is pinned, never taken from the token), refuses unsigned
 * tokens and JWEs, and requires the kind's {@code typ}.
 */
public final class HmacJwt {

	/** The most clock skew any verifier accepts. */
	public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	private static final int MIN_SECRET_BYTES = 32;

	private final SecretKey key;

	private final TokenKind kind;

	private final Clock clock;

	private final JwtParser parser;

	/**
	 * @param secret the shared secret; at least 32 bytes, the size of the HS256 output (RFC 7518
	 * section 3.2)
	 */
	public HmacJwt(String secret, TokenKind kind, Duration clockSkew, Clock clock) {
		this(hmacKey(secret), null, kind, clockSkew, clock);
	}

	/**
	 * A verifier over several keys: the locator picks the key for each token's header (its {@code kid}),
	 * and must throw for a header it has no key for. Sign with {@link #sign(JwtBuilder, SecretKey)}.
	 */
	public HmacJwt(Locator<Key> keyLocator, TokenKind kind, Duration clockSkew, Clock clock) {
		this(null, Objects.requireNonNull(keyLocator, "keyLocator must not be null"), kind, clockSkew, clock);
	}

	private HmacJwt(SecretKey key, Locator<Key> keyLocator, TokenKind kind, Duration clockSkew, Clock clock) {
		if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
		}
		this.key = key;
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		JwtParserBuilder parser = Jwts.parser()
			.sig().clear().add(Jwts.SIG.HS256).and()
			.clock(() -> Date.from(this.clock.instant()))
			.clockSkewSeconds(clockSkew.toSeconds());
		this.parser = ((key != null) ? parser.verifyWith(key) : parser.keyLocator(keyLocator)).build();
	}

	/**
	 * The HS256 key of a secret's UTF-8 bytes.
	 * @throws IllegalArgumentException when the secret is shorter than 32 bytes (RFC 7518 section 3.2)
	 */
	public static SecretKey hmacKey(String secret) {
		Objects.requireNonNull(secret, "secret must not be null");
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
		}
		return Keys.hmacShaKeyFor(bytes);
	}

	/** A builder with the kind's {@code typ} header; finish it with {@link #sign(JwtBuilder)}. */
	public JwtBuilder builder() {
		return Jwts.builder().header().type(this.kind.type()).and();
	}

	public String sign(JwtBuilder builder) {
		if (this.key == null) {
			throw new IllegalStateException("a verifier over several keys signs with sign(builder, key)");
		}
		return sign(builder, this.key);
	}

	public String sign(JwtBuilder builder, SecretKey signingKey) {
		return builder.signWith(signingKey, Jwts.SIG.HS256).compact();
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * Verifies signature, algorithm, kind and time claims; issuer and audience are the caller's to
	 * check, with {@link #requireAudience(Claims, String)}.
	 */
	public Claims parse(String token) {
		return parseSigned(token).getPayload();
	}

	/** As {@link #parse(String)}, keeping the verified header (its {@code kid}) too. */
	public Jws<Claims> parseSigned(String token) {
		if (token == null || token.isBlank()) {
			throw new InvalidTokenException("no token");
		}
		try {
			Jws<Claims> jws = this.parser.parseSignedClaims(token);
			if (!this.kind.type().equals(jws.getHeader().getType())) {
				throw new InvalidTokenException("token is not of kind " + this.kind);
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

	public static void requireAudience(Claims claims, String audience) {
		if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
			throw new InvalidTokenException("token is not for audience " + audience);
		}
	}

	public static void requireIssuer(Claims claims, String issuer) {
		if (!issuer.equals(claims.getIssuer())) {
			throw new InvalidTokenException("token is not from issuer " + issuer);
		}
	}

	static String requireString(Claims claims, String name) {
		Object value = claims.get(name);
		if (!(value instanceof String string) || string.isBlank()) {
			throw new InvalidTokenException("token has no " + name);
		}
		return string;
	}

}
