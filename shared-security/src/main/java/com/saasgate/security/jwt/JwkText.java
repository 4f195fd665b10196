package com.saasgate.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

/**
 * Asymmetric keys as the environment gives them: a JWK (JSON), a JWK Set, or PEM (PKCS#8
 * {@code PRIVATE KEY}, X.509 {@code PUBLIC KEY}). Only two kinds of key are accepted, each bound to one
 * algorithm: EC P-256 (ES256) and Ed25519 (EdDSA). Every key gets its RFC 7638 thumbprint as
 * {@code kid} when it comes without one, so that the same key always has the same id, whichever form
 * it was given in. JSON and JWK handling is jjwt's; only the PEM armour is read here.
 */
public final class JwkText {

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s\\\\n]+)-----END \\1-----");

	private JwkText() {
	}

	/** A new ES256 key (the suite's choice: ARCHITECTURE.md, "Asymmetric tokens"), named by thumbprint. */
	public static PrivateJwk<?, ?, ?> generate() {
		return Jwks.builder().keyPair(Jwts.SIG.ES256.keyPair().build()).idFromThumbprint().build();
	}

	/** The JSON of a private JWK, for a secrets file: it holds the private key. */
	public static String privateJson(PrivateJwk<?, ?, ?> key) {
		return Jwks.UNSAFE_JSON(key);
	}

	/** The JSON of a public JWK. */
	public static String publicJson(PublicJwk<?> key) {
		return Jwks.json(key);
	}

	/** A JWK Set document ({@code {"keys": [...]}}, RFC 7517 section 5) of public keys: what a JWKS URL serves. */
	public static String jwksJson(List<PublicJwk<?>> keys) {
		StringBuilder json = new StringBuilder("{\"keys\":[");
		for (int i = 0; i < keys.size(); i++) {
			json.append((i == 0) ? "" : ",").append(Jwks.json(keys.get(i)));
		}
		return json.append("]}").toString();
	}

	/**
	 * A private key from a private JWK or a PKCS#8 PEM.
	 * @throws IllegalArgumentException when the text is neither, or the key is not P-256 or Ed25519
	 */
	public static PrivateJwk<?, ?, ?> parsePrivate(String text) {
		String value = requireText(text);
		if (value.startsWith("{")) {
			Jwk<?> jwk = parseJwk(value);
			if (!(jwk instanceof PrivateJwk<?, ?, ?> key)) {
				throw new IllegalArgumentException("the JWK is not a private key");
			}
			return withKeyId(checked(key));
		}
		List<Pem> pems = pems(value);
		if (pems.size() != 1 || !"PRIVATE KEY".equals(pems.get(0).label())) {
			throw new IllegalArgumentException("not a private key: expected a JWK or one PEM PRIVATE KEY (PKCS#8)");
		}
		PrivateKey key = privateKey(pems.get(0).der());
		return checked(Jwks.builder().key(key).idFromThumbprint().build());
	}

	/**
	 * The public keys of a text: a JWK (public or private), a JWK Set ({@code {"keys": [...]}}), or one
	 * or more PEM blocks ({@code PUBLIC KEY} or {@code PRIVATE KEY}).
	 * @throws IllegalArgumentException when the text holds no such key
	 */
	public static List<PublicJwk<?>> parsePublicKeys(String text) {
		String value = requireText(text);
		List<PublicJwk<?>> keys = new ArrayList<>();
		if (value.startsWith("{") && value.contains("\"keys\"")) {
			JwkSet set;
			try {
				set = Jwks.setParser().build().parse(value);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("not a JWK Set: " + ex.getMessage(), ex);
			}
			for (Jwk<?> jwk : set) {
				keys.add(publicOf(jwk));
			}
		}
		else if (value.startsWith("{")) {
			keys.add(publicOf(parseJwk(value)));
		}
		else {
			for (Pem pem : pems(value)) {
				keys.add(switch (pem.label()) {
					case "PUBLIC KEY" -> checked(Jwks.builder().key(publicKey(pem.der())).idFromThumbprint().build());
					case "PRIVATE KEY" -> checked(Jwks.builder().key(privateKey(pem.der())).idFromThumbprint().build())
						.toPublicJwk();
					default -> throw new IllegalArgumentException("unexpected PEM block: " + pem.label());
				});
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("no key found: expected a JWK, a JWK Set or PEM");
		}
		return List.copyOf(keys);
	}

	/** The algorithm a key signs with: ES256 for P-256, EdDSA for Ed25519. */
	public static SecureDigestAlgorithm<PrivateKey, PublicKey> algorithmOf(Jwk<?> key) {
		if ("EC".equals(key.getType()) && "P-256".equals(key.get("crv"))) {
			return Jwts.SIG.ES256;
		}
		if ("OKP".equals(key.getType()) && "Ed25519".equals(key.get("crv"))) {
			return Jwts.SIG.EdDSA;
		}
		throw new IllegalArgumentException("only EC P-256 (ES256) and Ed25519 (EdDSA) keys are accepted, not "
				+ key.getType() + " " + key.get("crv"));
	}

	/** The key as it is, or with its thumbprint as {@code kid} when it has none. */
	@SuppressWarnings("unchecked")
	static <J extends Jwk<?>> J withKeyId(J key) {
		if (key.getId() != null && !key.getId().isBlank()) {
			return key;
		}
		if (key instanceof PrivateJwk<?, ?, ?> privateKey) {
			return (J) Jwks.builder().keyPair(privateKey.toKeyPair().toJavaKeyPair()).idFromThumbprint().build();
		}
		return (J) Jwks.builder().key((PublicKey) key.toKey()).idFromThumbprint().build();
	}

	private static PublicJwk<?> publicOf(Jwk<?> jwk) {
		if (jwk instanceof PrivateJwk<?, ?, ?> privateKey) {
			return withKeyId(checked(privateKey.toPublicJwk()));
		}
		if (jwk instanceof PublicJwk<?> publicKey) {
			return withKeyId(checked(publicKey));
		}
		throw new IllegalArgumentException("a secret (symmetric) JWK is not a public key");
	}

	private static <J extends Jwk<?>> J checked(J key) {
		algorithmOf(key);
		return key;
	}

	private static Jwk<?> parseJwk(String value) {
		try {
			return Jwks.parser().build().parse(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a JWK: " + ex.getMessage(), ex);
		}
	}

	private static PrivateKey privateKey(byte[] der) {
		for (String algorithm : List.of("EC", "Ed25519")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// not this kind of key: try the next
			}
		}
		throw new IllegalArgumentException("the PRIVATE KEY is neither an EC nor an Ed25519 key");
	}

	private static PublicKey publicKey(byte[] der) {
		for (String algorithm : List.of("EC", "Ed25519")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// not this kind of key: try the next
			}
		}
		throw new IllegalArgumentException("the PUBLIC KEY is neither an EC nor an Ed25519 key");
	}

	private static List<Pem> pems(String value) {
		List<Pem> pems = new ArrayList<>();
		Matcher matcher = PEM.matcher(value);
		while (matcher.find()) {
			// An environment variable may carry the line breaks as literal "\n".
			String body = matcher.group(2).replace("\\n", "").replaceAll("\\s", "");
			try {
				pems.add(new Pem(matcher.group(1), Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII))));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("the PEM " + matcher.group(1) + " is not base64", ex);
			}
		}
		if (pems.isEmpty()) {
			throw new IllegalArgumentException("not a key: expected a JWK (JSON) or PEM");
		}
		return pems;
	}

	private static String requireText(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("no key given");
		}
		return text.strip();
	}

	private record Pem(String label, byte[] der) {
	}

}
