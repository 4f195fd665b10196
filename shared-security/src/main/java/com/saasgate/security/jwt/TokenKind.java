package com.saasgate.security.jwt;

/**
 * The kinds of JWT the suite issues, told apart by the {@code typ} header (explicit typing, RFC 8725
 * section 3.11) and by their keys, so that one kind is never accepted where another is expected.
 */
public enum TokenKind {

	/** A user's access token; {@code at+jwt} as in RFC 9068. */
	ACCESS("at+jwt"),

	/** A user's refresh token, only ever read by auth-billing. */
	REFRESH("refresh+jwt"),

	/** A service-to-service token ({@code X-Service-Token}). */
	SERVICE("service+jwt");

	private final String type;

	TokenKind(String type) {
		this.type = type;
	}

	/** The value of the {@code typ} header. */
	public String type() {
		return this.type;
	}

}
