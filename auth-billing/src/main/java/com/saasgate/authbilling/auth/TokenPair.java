package com.saasgate.authbilling.auth;

/**
 * What login, verification and refresh answer.
 *
 * @param expiresIn seconds until the access token expires
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	static TokenPair bearer(String accessToken, String refreshToken, long expiresIn) {
		return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn);
	}

	@Override
	public String toString() {
		return "TokenPair[expiresIn=" + this.expiresIn + "]";
	}

}
