package com.saasgate.authbilling.auth;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PasswordResetTests {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Api api;


	@Test
	void resetWhenTokenValidThenPasswordChangesAndEverySessionEnds() {
		Session session = TestUsers.verifiedUser(this.api);
		assertThat(this.api.post("/auth/password/forgot", Api.body("email", session.email())).status()).isEqualTo(202);
		String token = TestMail.awaitResetToken(session.email(), 1);

		Api.Response reset = this.api.post("/auth/password/reset", Api.body("token", token, "newPassword", NEW_PASSWORD));

		assertThat(reset.status()).isEqualTo(204);
		assertThat(this.api.post("/auth/refresh", Api.body("refreshToken", session.refreshToken())).status())
			.isEqualTo(401);
		assertThat(login(session.email(), TestUsers.PASSWORD).status()).isEqualTo(401);
		assertThat(login(session.email(), NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetWhenTokenUsedTwiceOrSupersededThenInvalidToken() {
		Session session = TestUsers.verifiedUser(this.api);
		this.api.post("/auth/password/forgot", Api.body("email", session.email()));
		String first = TestMail.awaitResetToken(session.email(), 1);
		this.api.post("/auth/password/forgot", Api.body("email", session.email()));
		String second = TestMail.awaitResetToken(session.email(), 2);

		Api.Response superseded = this.api.post("/auth/password/reset",
				Api.body("token", first, "newPassword", NEW_PASSWORD));
		Api.Response used = this.api.post("/auth/password/reset", Api.body("token", second, "newPassword", NEW_PASSWORD));
		Api.Response usedAgain = this.api.post("/auth/password/reset",
				Api.body("token", second, "newPassword", NEW_PASSWORD + "!"));

		assertThat(superseded.code()).isEqualTo("invalid_token");
		assertThat(used.status()).isEqualTo(204);
		assertThat(usedAgain.status()).isEqualTo(400);
		assertThat(usedAgain.code()).isEqualTo("invalid_token");
	}

	@Test
	void resetWhenNewPasswordWeakThenInvalidRequestAndTokenStillWorks() {
		Session session = TestUsers.verifiedUser(this.api);
		this.api.post("/auth/password/forgot", Api.body("email", session.email()));
		String token = TestMail.awaitResetToken(session.email(), 1);

		Api.Response weak = this.api.post("/auth/password/reset", Api.body("token", token, "newPassword", "1234567890"));

		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.code()).isEqualTo("invalid_request");
		assertThat(this.api.post("/auth/password/reset", Api.body("token", token, "newPassword", NEW_PASSWORD)).status())
			.isEqualTo(204);
	}

	@Test
	void forgotWhenEmailUnknownThenAcceptedAndNothingQueued() {
		Api.Response response = this.api.post("/auth/password/forgot", Api.body("email", "nobody@example.com"));

		assertThat(response.status()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isZero();
	}

	@Test
	void resetWhenAccountUnverifiedThenResetAlsoVerifiesEmail() {
		String email = TestUsers.registered(this.api);
		this.api.post("/auth/password/forgot", Api.body("email", email));
		String token = TestMail.awaitResetToken(email, 1);

		Api.Response reset = this.api.post("/auth/password/reset", Api.body("token", token, "newPassword", NEW_PASSWORD));

		assertThat(reset.status()).isEqualTo(204);
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
	}

	private Api.Response login(String email, String password) {
		return this.api.post("/auth/login", Api.body("email", email, "password", password));
	}

}
