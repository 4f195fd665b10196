package com.saasgate.authbilling.email;

import java.time.Duration;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@TestPropertySource(properties = "outbox.max-backoff=1s")
class MailOutboxTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void registerWhenSmtpDownThenRequestSucceedsAndMailArrivesOnceSmtpIsBack() {
		TestMail.stop();
		String email;
		try {
			email = TestUsers.registered(this.api);
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
						// coalesce: before the first failure there is no such row, and an await must not throw.
						"SELECT coalesce(max(attempts), 0) FROM outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL",
						Integer.class)).isGreaterThanOrEqualTo(2));
		}
		finally {
			TestMail.start();
		}

		String token = TestMail.awaitVerificationToken(email, 1);

		assertThat(this.api.post("/auth/verify-email", Api.body("token", token)).status()).isEqualTo(200);
		assertThat(TestMail.to(email)).hasSize(1);
	}

	@Test
	void registerWhenEmailTakenThenNoMailIsQueued() {
		String email = TestUsers.registered(this.api);
		TestMail.awaitVerificationToken(email, 1);

		Api.Response duplicate = this.api.post("/auth/register", Api.body("email", email, "password", TestUsers.PASSWORD));

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isEqualTo(1);
	}

}
