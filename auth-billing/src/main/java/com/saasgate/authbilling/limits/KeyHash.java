package com.saasgate.authbilling.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Emails and IP addresses are personal data: stores see only their SHA-256, so neither a Redis
 * {@code KEYS} nor a heap dump lists who tried to log in.
 */
final class KeyHash {

	private KeyHash() {
	}

	static String of(String key) {
		Objects.requireNonNull(key, "key");
		if (key.isBlank()) {
			throw new IllegalArgumentException("key must not be blank");
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256 (MessageDigest Javadoc).
			throw new IllegalStateException(ex);
		}
	}

}
