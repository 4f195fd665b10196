package com.saasgate.security.jwt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwsHeader;

/**
 * One HS256 key slot: the current key, which signs, and while a rotation lasts the previous one,
 * which only verifies. Each key has a {@code kid}: the first 12 base64url characters of the SHA-256
 * of the key (72 bits; it says which key signed, never the key, whose HMAC outputs every token shows
 * anyway). A token naming one of the two kids is checked under that key only; a token naming no kid
 * (issued before kids were written) under the current key, then the previous; any other kid is
 * refused.
 */
public final class HmacKeys implements KeyCandidates {

	private static final int KEY_ID_LENGTH = 12;

	private final SecretKey current;

	private final String currentKeyId;

	private final SecretKey previous;

	private final String previousKeyId;

	/**
	 * @param currentSecret the signing key's secret, at least 32 bytes
	 * @param previousSecret the secret being rotated out, or {@code null} (or blank) when none; at least
	 * 32 bytes and different from the current one
	 */
	public HmacKeys(String currentSecret, String previousSecret) {
		this.current = HmacJwt.hmacKey(currentSecret);
		this.currentKeyId = keyId(this.current);
		if (previousSecret == null || previousSecret.isBlank()) {
			this.previous = null;
			this.previousKeyId = null;
		}
		else {
			this.previous = HmacJwt.hmacKey(previousSecret);
			if (sameKey(this.previous, this.current)) {
				throw new IllegalArgumentException("the previous key must differ from the current one");
			}
			this.previousKeyId = keyId(this.previous);
		}
	}

	/** A slot with no previous key. */
	public static HmacKeys of(String secret) {
		return new HmacKeys(secret, null);
	}

	/** The {@code kid} of a key: 12 base64url characters of its SHA-256. */
	public static String keyId(SecretKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, KEY_ID_LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

	public static boolean sameKey(SecretKey a, SecretKey b) {
		return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
	}

	/** The key that signs. */
	public SecretKey current() {
		return this.current;
	}

	/** The {@code kid} of {@link #current()}. */
	public String currentKeyId() {
		return this.currentKeyId;
	}

	/** The current key, then the previous one when there is one. */
	public List<SecretKey> keys() {
		return (this.previous != null) ? List.of(this.current, this.previous) : List.of(this.current);
	}

	/** The keys a token naming {@code keyId} may be signed with, as the class comment says. */
	public List<SecretKey> keysFor(String keyId) {
		if (keyId == null) {
			return keys();
		}
		if (keyId.equals(this.currentKeyId)) {
			return List.of(this.current);
		}
		if (keyId.equals(this.previousKeyId)) {
			return List.of(this.previous);
		}
		throw new InvalidTokenException("token names an unknown key");
	}

	@Override
	public List<SecretKey> keysFor(JwsHeader header) {
		return keysFor(header.getKeyId());
	}

	@Override
	public String toString() {
		return "HmacKeys[current=" + this.currentKeyId + ", previous=" + this.previousKeyId + "]";
	}

}
