package com.saasgate.security.jwt;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.PublicJwk;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Asymmetric JWS for one token kind: signs with an issuer's {@link SigningKeys}, verifies with
 * {@link PublicKeys} found by the token's {@code kid}. The parser accepts ES256 and EdDSA only, and a
 * key only with its own algorithm (jjwt refuses an ES256 header over an Ed25519 key, and an HMAC
 * header over any public key: the "public key as HMAC secret" confusion cannot happen). It refuses
 * unsigned tokens, JWEs, tokens without a {@code kid} and tokens of another {@code typ}.
 *
 * <p>Signatures run on Bouncy Castle, not the JDK's provider: on JDK 17 the JDK's ECDSA and EdDSA
 * are 10 to 20 times slower (scripts/bench/jws-bench; ARCHITECTURE.md, "Asymmetric tokens").
 */
public final class SignedJwt {

	/** One instance, never registered with {@code java.security.Security}: only jjwt's calls use it. */
	static final Provider PROVIDER = new BouncyCastleProvider();

	private final SigningKeys signingKeys;

	/** The signing key as a Bouncy Castle key: converted once, not by the provider on every signature. */
	private final PrivateKey signingKey;

	/** Each verification key as a Bouncy Castle key, by the JWK it came from. */
	private final Map<PublicJwk<?>, PublicKey> providerKeys = new ConcurrentHashMap<>();

	private final TokenKind kind;

	private final Clock clock;

	private final JwtParser parser;

	/** An issuer: signs with the current key, verifies with every published one. */
	public SignedJwt(SigningKeys keys, TokenKind kind, Duration clockSkew, Clock clock) {
		this(Objects.requireNonNull(keys, "keys must not be null"), keys, kind, clockSkew, clock);
	}

	/** A verifier only. */
	public SignedJwt(PublicKeys keys, TokenKind kind, Duration clockSkew, Clock clock) {
		this(null, Objects.requireNonNull(keys, "keys must not be null"), kind, clockSkew, clock);
	}

	private SignedJwt(SigningKeys signingKeys, PublicKeys keys, TokenKind kind, Duration clockSkew, Clock clock) {
		if (clockSkew.isNegative() || clockSkew.compareTo(HmacJwt.MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException("clock skew must be between 0 and " + HmacJwt.MAX_CLOCK_SKEW);
		}
		this.signingKeys = signingKeys;
		this.signingKey = (signingKeys != null) ? providerPrivateKey(signingKeys.signingKey()) : null;
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.parser = Jwts.parser()
			.provider(PROVIDER)
			.sig().clear().add(Jwts.SIG.ES256).add(Jwts.SIG.EdDSA).and()
			.clock(() -> Date.from(this.clock.instant()))
			.clockSkewSeconds(clockSkew.toSeconds())
			.keyLocator(new LocatorAdapter<Key>() {
				@Override
				protected Key locate(JwsHeader header) {
					return SignedJwt.this.providerKeys.computeIfAbsent(keys.keyFor(header.getKeyId()),
							SignedJwt::providerPublicKey);
				}
			})
			.build();
	}

	/** A builder with the kind's {@code typ} header; finish it with {@link #sign(JwtBuilder)}. */
	public JwtBuilder builder() {
		return Jwts.builder().provider(PROVIDER).header().type(this.kind.type()).and();
	}

	/** Signs with the current key and names it in {@code kid}. */
	public String sign(JwtBuilder builder) {
		if (this.signingKeys == null) {
			throw new IllegalStateException("a verifier has no key to sign with");
		}
		return builder.header()
			.keyId(this.signingKeys.currentKeyId())
			.and()
			.signWith(this.signingKey, this.signingKeys.algorithm())
			.compact();
	}

	private static PrivateKey providerPrivateKey(PrivateKey key) {
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Bouncy Castle reads every EC and Ed25519 key", ex);
		}
	}

	private static PublicKey providerPublicKey(PublicJwk<?> jwk) {
		Key key = jwk.toKey();
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Bouncy Castle reads every EC and Ed25519 key", ex);
		}
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * Verifies signature, algorithm, kind and time claims.
	 * @throws UnknownKeyException when the token names a key there is none of (never accepted either)
	 * @throws InvalidTokenException for every other failure
	 */
	public Jws<Claims> parseSigned(String token) {
		return this.kind.parse(token, this.parser::parseSignedClaims);
	}

}
