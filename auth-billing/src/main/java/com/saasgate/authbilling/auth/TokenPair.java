package com.saasgate.authbilling.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What login, verification and refresh answer.
 *
 * @param expiresIn seconds until the access token expires
 */
@Schema(requiredProperties = { "accessToken", "refreshToken", "tokenType", "expiresIn" })
public record TokenPair(String accessToken, String refreshToken, @Schema(allowableValues = "Bearer") String tokenType,
		@Schema(minimum = "1") long expiresIn) {

	static TokenPair bearer(String accessToken, String refreshToken, long expiresIn) {
		return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn);
	}

	@Override
	public String toString() {
		return "TokenPair[expiresIn=" + this.expiresIn + "]";
	}

}
