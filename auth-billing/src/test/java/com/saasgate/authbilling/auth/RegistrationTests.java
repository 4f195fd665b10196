package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.time.Instant;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RegistrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Api api;


	@Test
	void registerWhenValidThenStartsSevenDayTrialAndMailsVerificationLink() {
		String email = TestUsers.newEmail();
		Api.Response response = this.api.post("/auth/register",
				Api.body("email", "  " + email.toUpperCase() + " ", "password", TestUsers.PASSWORD, "name", "Ada"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.get("email").asString()).isEqualTo(email);
		assertThat(body.get("tier").asString()).isEqualTo("free_trial");
		assertThat(body.get("emailVerified").asBoolean()).isFalse();
		assertThat(body.get("userId").asString()).hasSize(36);
		Instant trialEndsAt = Instant.parse(body.get("trialEndsAt").asString());
		assertThat(trialEndsAt).isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
		String token = TestMail.awaitVerificationToken(email, 1);
		assertThat(token).hasSize(43);
	}

	@Test
	void registerWhenEmailTakenInAnyCaseThenConflict() {
		String email = TestUsers.registered(this.api);

		Api.Response again = this.api.post("/auth/register",
				Api.body("email", email.toUpperCase(), "password", TestUsers.PASSWORD));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("email_taken");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "short1234", "password123", "1234567890", "QWERTYUIOP", "          ", "aaaaaaaaaaaa" })
	void registerWhenPasswordTooShortOrCommonThenInvalidRequest(String password) {
		Api.Response response = this.api.post("/auth/register",
				Api.body("email", TestUsers.newEmail(), "password", password));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_request");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-email", "a@b", "two@@example.com", "spaces in@example.com", "@example.com" })
	void registerWhenEmailMalformedThenInvalidRequest(String email) {
		Api.Response response = this.api.post("/auth/register", Api.body("email", email, "password", TestUsers.PASSWORD));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_request");
	}

	@Test
	void registerWhenPasswordLongThenEveryCharacterCounts() {
		String longPassword = "p".repeat(199) + "A";
		String email = TestUsers.newEmail();
		assertThat(this.api.post("/auth/register", Api.body("email", email, "password", longPassword)).status())
			.isEqualTo(201);
		this.api.post("/auth/verify-email", Api.body("token", TestMail.awaitVerificationToken(email, 1)));

		Api.Response lastCharDiffers = this.api.post("/auth/login",
				Api.body("email", email, "password", "p".repeat(199) + "B"));
		Api.Response exact = this.api.post("/auth/login", Api.body("email", email, "password", longPassword));

		assertThat(lastCharDiffers.status()).isEqualTo(401);
		assertThat(exact.status()).isEqualTo(200);
	}

	@Test
	void registerThenPasswordStoredAsArgon2idHashOnly() {
		String email = TestUsers.registered(this.api);

		String hash = this.jdbc.queryForObject("SELECT password_hash FROM users WHERE email = ?", String.class, email);

		assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(TestUsers.PASSWORD);
	}

	@Test
	void verifyEmailWhenTokenValidThenVerifiesAndAnswersTokenPair() {
		String email = TestUsers.registered(this.api);

		Api.Response response = this.api.post("/auth/verify-email", Api.body("token", TestMail.awaitVerificationToken(email, 1)));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(response.json().get("expiresIn").asLong()).isEqualTo(900);
		assertThat(response.json().get("accessToken").asString()).isNotBlank();
		assertThat(response.json().get("refreshToken").asString()).isNotBlank();
		assertThat(this.jdbc.queryForObject("SELECT email_verified_at IS NOT NULL FROM users WHERE email = ?",
				Boolean.class, email)).isTrue();
	}

	@Test
	void verifyEmailWhenTokenUsedTwiceThenInvalidToken() {
		String email = TestUsers.registered(this.api);
		String token = TestMail.awaitVerificationToken(email, 1);
		this.api.post("/auth/verify-email", Api.body("token", token));

		Api.Response again = this.api.post("/auth/verify-email", Api.body("token", token));

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.code()).isEqualTo("invalid_token");
	}

	@Test
	void verifyEmailWhenTokenExpiredOrUnknownThenInvalidToken() {
		String email = TestUsers.registered(this.api);
		String token = TestMail.awaitVerificationToken(email, 1);
		this.jdbc.update("UPDATE email_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'");

		assertThat(this.api.post("/auth/verify-email", Api.body("token", token)).code()).isEqualTo("invalid_token");
		assertThat(this.api.post("/auth/verify-email", Api.body("token", "x".repeat(43))).code())
			.isEqualTo("invalid_token");
	}

	@Test
	void resendVerificationWhenAccountUnverifiedThenMailsNewWorkingLink() {
		String email = TestUsers.registered(this.api);
		TestMail.awaitVerificationToken(email, 1);

		Api.Response response = this.api.post("/auth/resend-verification", Api.body("email", email));

		assertThat(response.status()).isEqualTo(202);
		String second = TestMail.awaitVerificationToken(email, 2);
		assertThat(this.api.post("/auth/verify-email", Api.body("token", second)).status()).isEqualTo(200);
	}

	@Test
	void resendVerificationWhenEmailUnknownThenAcceptedAndNothingSent() {
		Api.Response response = this.api.post("/auth/resend-verification", Api.body("email", "nobody@example.com"));

		assertThat(response.status()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isZero();
	}

	@Test
	void resendVerificationWhenAskedTooOftenThenRateLimitedWithRetryAfter() {
		String email = TestUsers.newEmail();
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.post("/auth/resend-verification", Api.body("email", email)).status()).isEqualTo(202);
		}

		Api.Response limited = this.api.post("/auth/resend-verification", Api.body("email", email));

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("rate_limited");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
	}

	@Test
	void registerWhenMailSentThenOutboxRowMarkedDeliveredAndBodyDropped() {
		String email = TestUsers.registered(this.api);
		TestMail.awaitVerificationToken(email, 1);

		await().untilAsserted(() -> assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL AND NOT payload ? 'text'", Integer.class))
			.isEqualTo(1));
	}

}
