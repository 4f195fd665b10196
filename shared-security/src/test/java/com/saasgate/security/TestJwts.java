package com.saasgate.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made compact JWS strings, for tokens no well-behaved library would produce: any header, any
 * payload, any HMAC algorithm over any key.
 */
public final class TestJwts {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

	private TestJwts() {
	}

	/** Signs {@code header.payload} with the JCA MAC (e.g. {@code HmacSHA256}) keyed by the secret's bytes. */
	public static String sign(String headerJson, String payloadJson, String jcaMac, String secret) {
		String signingInput = encode(headerJson) + "." + encode(payloadJson);
		return signingInput + "." + BASE64URL.encodeToString(mac(jcaMac, secret, signingInput));
	}

	/** Signs {@code header.payload} with ECDSA P-256 over SHA-256 (the JWS form, R || S), as ES256 does. */
	public static String signEs256(String headerJson, String payloadJson, java.security.PrivateKey key) {
		String signingInput = encode(headerJson) + "." + encode(payloadJson);
		try {
			java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs with an HMAC keyed by raw bytes (a public key's encoding, say). */
	public static String sign(String headerJson, String payloadJson, String jcaMac, byte[] key) {
		String signingInput = encode(headerJson) + "." + encode(payloadJson);
		try {
			Mac mac = Mac.getInstance(jcaMac);
			mac.init(new SecretKeySpec(key, jcaMac));
			return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code header.payload.} with no signature, as an {@code alg: none} token is sent. */
	public static String unsigned(String headerJson, String payloadJson) {
		return encode(headerJson) + "." + encode(payloadJson) + ".";
	}

	public static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** The JSON of a token's part: 0 the header, 1 the payload. */
	public static String part(String token, int index) {
		return new String(BASE64URL_DECODER.decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
	}

	/** The token with one part replaced by the given JSON, the other parts (and the signature) kept. */
	public static String replacePart(String token, int index, String json) {
		String[] parts = token.split("\\.", -1);
		parts[index] = encode(json);
		return String.join(".", parts);
	}

	private static byte[] mac(String jcaMac, String secret, String signingInput) {
		try {
			Mac mac = Mac.getInstance(jcaMac);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaMac));
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
