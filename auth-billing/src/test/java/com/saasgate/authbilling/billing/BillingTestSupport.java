package com.saasgate.authbilling.billing;

import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.authbilling.support.TestUsers.Session;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the billing tests share: Stripe's API base at {@link StripeFake}, short timeouts, one retry,
 * the test price ids. Every subclass has the same configuration, so they share one Spring context.
 */
abstract class BillingTestSupport {

	static final String PRICE_BASIC = "price_test_basic";

	static final String PRICE_PRO = "price_test_pro";

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		registry.add("billing.stripe.api-base", StripeFake::baseUrl);
		registry.add("billing.stripe.secret-key", () -> "sk_test_not_a_real_key");
		registry.add("billing.stripe.timeout", () -> "500ms");
		registry.add("billing.stripe.connect-timeout", () -> "500ms");
		registry.add("billing.stripe.max-retries", () -> "1");
		registry.add("billing.plans.basic.price-id", () -> PRICE_BASIC);
		registry.add("billing.plans.pro.price-id", () -> PRICE_PRO);
		registry.add("billing.frontend-url", () -> "https://app.example.com/");
	}

	@BeforeEach
	void resetStripe() {
		StripeFake.reset();
	}

	/** A verified user and its id. */
	record User(Session session, UUID id) {

		String[] bearer() {
			return Api.bearer(this.session.accessToken());
		}

	}

	User user() {
		Session session = TestUsers.verifiedUser(this.api);
		UUID id = UUID.fromString(this.api.get("/auth/me", Api.bearer(session.accessToken())).json().get("userId").asString());
		return new User(session, id);
	}

	String storedCustomerId(User user) {
		return this.jdbc.queryForObject("SELECT stripe_customer_id FROM users WHERE id = ?", String.class, user.id());
	}

	Api.Response checkout(User user, String tier) {
		return this.api.post("/billing/checkout", Api.body("tier", tier), user.bearer());
	}

}
