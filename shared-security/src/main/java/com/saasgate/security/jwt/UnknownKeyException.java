package com.saasgate.security.jwt;

/**
 * A token names a {@code kid} the verifier has no public key for (or none): never accepted, but a
 * verifier that fetches its keys may fetch them again and retry once.
 */
public final class UnknownKeyException extends InvalidTokenException {

	private final String keyId;

	public UnknownKeyException(String keyId) {
		super("token names an unknown key: " + keyId);
		this.keyId = keyId;
	}

	/** The {@code kid} the token named; {@code null} when it named none. */
	public String keyId() {
		return this.keyId;
	}

}
