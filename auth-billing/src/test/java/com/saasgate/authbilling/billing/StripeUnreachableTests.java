package com.saasgate.authbilling.billing;

import java.io.IOException;
import java.net.ServerSocket;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's API base refuses connections: checkout and the portal answer 502 and store nothing. */
@IntegrationTest
class StripeUnreachableTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		registry.add("billing.stripe.api-base", () -> "http://127.0.0.1:" + closedPort());
		registry.add("billing.stripe.secret-key", () -> "sk_test_not_a_real_key");
		registry.add("billing.stripe.max-retries", () -> "1");
		registry.add("billing.plans.basic.price-id", () -> "price_test_basic");
	}

	@Test
	void checkoutWhenConnectionRefusedThenStripeUnavailableAndNothingStored() {
		Session session = TestUsers.verifiedUser(this.api);

		Api.Response response = this.api.post("/billing/checkout", Api.body("tier", "basic"),
				Api.bearer(session.accessToken()));

		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.code()).isEqualTo("stripe_unavailable");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE stripe_customer_id IS NOT NULL",
				Integer.class)).isZero();
	}

	@Test
	void portalWhenConnectionRefusedThenStripeUnavailable() {
		Session session = TestUsers.verifiedUser(this.api);
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_r'");

		Api.Response response = this.api.post("/billing/portal", Api.body(), Api.bearer(session.accessToken()));

		assertThat(response.status()).isEqualTo(502);
		assertThat(response.code()).isEqualTo("stripe_unavailable");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
