package com.saasgate.authbilling.web;

import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response, success or error, carries {@code X-Request-Id}: the caller's when sane, a new one otherwise. */
@IntegrationTest
class RequestIdTests {

	private static final String SANE = "req-7f3a.42_B";

	@Autowired
	Api api;


	@Test
	void successWhenClientSentSaneIdThenEchoed() {
		assertThat(this.api.get("/health", "X-Request-Id", SANE).header("X-Request-Id")).isEqualTo(SANE);
		Api.Response registered = this.api.post("/auth/register",
				Api.body("email", TestUsers.newEmail(), "password", TestUsers.PASSWORD), "X-Request-Id", SANE);
		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.header("X-Request-Id")).isEqualTo(SANE);
		Api.Response accepted = this.api.post("/auth/password/forgot", Api.body("email", "nobody@example.com"),
				"X-Request-Id", SANE);
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.header("X-Request-Id")).isEqualTo(SANE);
	}

	@Test
	void errorsWhenClientSentSaneIdThenEchoed() {
		assertThat(this.api.get("/nope", "X-Request-Id", SANE).header("X-Request-Id")).isEqualTo(SANE);
		assertThat(this.api.get("/auth/login", "X-Request-Id", SANE).header("X-Request-Id")).isEqualTo(SANE);
		assertThat(this.api.postRaw("/auth/login", "{".getBytes(), "X-Request-Id", SANE).header("X-Request-Id"))
			.isEqualTo(SANE);
		assertThat(this.api.postRaw("/auth/login", new byte[100 * 1024], "X-Request-Id", SANE).header("X-Request-Id"))
			.isEqualTo(SANE);
		assertThat(this.api.postRaw("/auth/login", "x".getBytes(), "Content-Type", "text/plain", "X-Request-Id", SANE)
			.header("X-Request-Id")).isEqualTo(SANE);
		assertThat(this.api
			.post("/auth/login", Api.body("email", "nobody@example.com", "password", "wrong password 1"), "X-Request-Id",
					SANE)
			.header("X-Request-Id")).isEqualTo(SANE);
	}

	@Test
	void responseWhenClientSentNoIdThenGeneratesOnePerRequest() {
		String first = this.api.get("/health").header("X-Request-Id");
		String second = this.api.get("/nope").header("X-Request-Id");

		assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
	}

	@ParameterizedTest
	@ValueSource(strings = { "<script>alert(1)</script>", "a b", "id;drop", "ünïcödé", "%0d%0aSet-Cookie:x=1", "" })
	void responseWhenClientSentGarbageIdThenGeneratesOne(String garbage) {
		assertGenerated(this.api.get("/health", "X-Request-Id", garbage), garbage);
		assertGenerated(this.api.get("/nope", "X-Request-Id", garbage), garbage);
	}

	@Test
	void responseWhenClientSentOverlongIdThenGeneratesOne() {
		String overlong = "a".repeat(300);

		assertGenerated(this.api.get("/health", "X-Request-Id", overlong), overlong);
		assertGenerated(this.api.postRaw("/auth/login", "{".getBytes(), "X-Request-Id", overlong), overlong);
	}

	private static void assertGenerated(Api.Response response, String sent) {
		String id = response.header("X-Request-Id");
		assertThat(id).isNotEqualTo(sent);
		assertThat(UUID.fromString(id).toString()).isEqualTo(id);
	}

}
