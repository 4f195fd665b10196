package com.saasgate.e2e;

/** The token pair of the contract (section 2): what verify-email, login and refresh answer. */
record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	static TokenPair from(Response response) {
		return new TokenPair(response.text("accessToken"), response.text("refreshToken"), response.text("tokenType"),
				response.json().path("expiresIn").asLong());
	}

	String bearer() {
		return "Bearer " + this.accessToken;
	}

}
