package com.saasgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on RFC 9457 problem documents, the shape of every error in the contract. */
final class Problems {

	private Problems() {
	}

	/** {@code response} is a problem document with this status and {@code code} (any code when null). */
	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(status);
		assertThat(response.contentType()).as("Content-Type of %s", response).startsWith("application/problem+json");
		assertThat(response.json().path("status").asInt()).as("status field of %s", response).isEqualTo(status);
		assertThat(response.text("title")).as("title of %s", response).isNotBlank();
		assertThat(response.json().has("type")).as("type of %s", response).isTrue();
		if (code != null) {
			assertThat(response.text("code")).as("code of %s", response).isEqualTo(code);
		}
		else {
			assertThat(response.text("code")).as("code of %s", response).isNotBlank();
		}
		assertThat(response.body()).as("body of %s", response)
			.doesNotContain("Exception", "\tat ", "org.springframework", "SQL");
	}

}
