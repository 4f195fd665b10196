package com.saasgate.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SignatureException;

/**
 * One HS256 key slot ({@link HmacKeys}: the current key and perhaps the previous one) or, for service
 * tokens, {@link KeyCandidates} choosing among several slots, and one token kind: builds and parses
 * compact JWS strings. The parser accepts HS256 only (RFC 8725 section 3.1: the algorithm is pinned,
 * never taken from the token), refuses unsigned tokens and JWEs, and requires the kind's {@code typ}.
 * Of the keys a header leads to, the first is tried, and the second only when the first does not
 * verify the signature.
 */
public final class HmacJwt {

	/** The most clock skew any verifier accepts. */
	public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	private static final int MIN_SECRET_BYTES = 32;

	private final HmacKeys keys;

	private final TokenKind kind;

	private final Clock clock;

	private final JwtParser firstKeyParser;

	private final JwtParser secondKeyParser;

	/**
	 * @param secret the shared secret; at least 32 bytes, the size of the HS256 output (RFC 7518
	 * section 3.2)
	 */
	public HmacJwt(String secret, TokenKind kind, Duration clockSkew, Clock clock) {
		this(HmacKeys.of(secret), kind, clockSkew, clock);
	}

	/** Signs with the current key, naming it in {@code kid}; verifies as {@link HmacKeys} says. */
	public HmacJwt(HmacKeys keys, TokenKind kind, Duration clockSkew, Clock clock) {
		this(Objects.requireNonNull(keys, "keys must not be null"), keys, kind, clockSkew, clock);
	}

	/**
	 * A verifier over several slots: the candidates give the keys for each token's header (its
	 * {@code kid}), and must throw for a header they have no key for. Sign with
	 * {@link #sign(JwtBuilder, SecretKey)}.
	 */
	public HmacJwt(KeyCandidates candidates, TokenKind kind, Duration clockSkew, Clock clock) {
		this(null, Objects.requireNonNull(candidates, "candidates must not be null"), kind, clockSkew, clock);
	}

	private HmacJwt(HmacKeys keys, KeyCandidates candidates, TokenKind kind, Duration clockSkew, Clock clock) {
		if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
		}
		this.keys = keys;
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.firstKeyParser = parser(candidates, 0, clockSkew);
		this.secondKeyParser = parser(candidates, 1, clockSkew);
	}

	private JwtParser parser(KeyCandidates candidates, int index, Duration clockSkew) {
		return Jwts.parser()
			.sig().clear().add(Jwts.SIG.HS256).and()
			.clock(() -> Date.from(this.clock.instant()))
			.clockSkewSeconds(clockSkew.toSeconds())
			.keyLocator(new LocatorAdapter<Key>() {
				@Override
				protected Key locate(JwsHeader header) {
					List<SecretKey> keys = candidates.keysFor(header);
					if (index >= keys.size()) {
						throw new NoFurtherKeyException();
					}
					return keys.get(index);
				}
			})
			.build();
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

	/** Signs with the current key and names it in {@code kid}. */
	public String sign(JwtBuilder builder) {
		if (this.keys == null) {
			throw new IllegalStateException("a verifier over several keys signs with sign(builder, key)");
		}
		return sign(builder.header().keyId(this.keys.currentKeyId()).and(), this.keys.current());
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
		return this.kind.parse(token, this::parseUnderEitherKey);
	}

	private Jws<Claims> parseUnderEitherKey(String token) {
		try {
			return this.firstKeyParser.parseSignedClaims(token);
		}
		catch (SignatureException ex) {
			try {
				return this.secondKeyParser.parseSignedClaims(token);
			}
			catch (NoFurtherKeyException none) {
				throw ex;
			}
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

	/** Thrown by the second parser's locator when a header leads to one key only. */
	private static final class NoFurtherKeyException extends RuntimeException {

		NoFurtherKeyException() {
			super(null, null, false, false);
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
