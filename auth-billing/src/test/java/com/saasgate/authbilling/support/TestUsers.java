package com.saasgate.authbilling.support;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Users made through the public API, the way a front end makes them. */
public final class TestUsers {

	public static final String PASSWORD = "correct horse battery staple";

	private TestUsers() {
	}

	public static String newEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** Registers an account and leaves it unverified. */
	public static String registered(Api api) {
		String email = newEmail();
		Api.Response response = api.post("/auth/register", Api.body("email", email, "password", PASSWORD, "name", "Ada"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return email;
	}

	/** Registers and verifies an account; the answer of the verification is its first session. */
	public static Session verifiedUser(Api api) {
		String email = registered(api);
		Api.Response verified = api.post("/auth/verify-email", Api.body("token", TestMail.awaitVerificationToken(email, 1)));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		return new Session(email, verified.json());
	}

	/** An account and one of its token pairs. */
	public record Session(String email, JsonNode tokens) {

		public String accessToken() {
			return this.tokens.get("accessToken").asString();
		}

		public String refreshToken() {
			return this.tokens.get("refreshToken").asString();
		}

	}

}
