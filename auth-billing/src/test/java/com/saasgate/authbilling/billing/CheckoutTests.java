package com.saasgate.authbilling.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.Parallel;
import com.saasgate.security.contract.Tier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CheckoutTests extends BillingTestSupport {

	@Autowired
	SubscriptionRepository subscriptions;

	@Test
	void checkoutWhenNewUserThenCreatesCustomerAndSubscriptionSession() {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.customer("cus_new1"));
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_1"));
		User user = user();

		Api.Response response = checkout(user, "pro");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("url").asString()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_1");
		assertThat(storedCustomerId(user)).isEqualTo("cus_new1");
		LoggedRequest customer = StripeFake.posts(StripeFake.CUSTOMERS).get(0);
		assertThat(customer.getHeader("Idempotency-Key")).isEqualTo("customer-create-" + user.id());
		assertThat(customer.getHeader("Authorization")).isEqualTo("Bearer sk_test_not_a_real_key");
		assertThat(StripeFake.form(customer)).contains("email=" + user.session().email(),
				"metadata[userId]=" + user.id());
		String session = StripeFake.form(StripeFake.posts(StripeFake.CHECKOUT_SESSIONS).get(0));
		assertThat(session).contains("mode=subscription", "customer=cus_new1", "client_reference_id=" + user.id(),
				"line_items[0][price]=" + PRICE_PRO, "line_items[0][quantity]=1",
				"subscription_data[metadata][userId]=" + user.id(),
				"success_url=https://app.example.com/billing/success?session_id={CHECKOUT_SESSION_ID}",
				"cancel_url=https://app.example.com/billing/cancel");
	}

	@Test
	void checkoutWhenCustomerExistsThenReusesIt() {
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_2"));
		User user = user();
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_existing' WHERE id = ?", user.id());

		Api.Response response = checkout(user, "basic");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).isEmpty();
		assertThat(StripeFake.form(StripeFake.posts(StripeFake.CHECKOUT_SESSIONS).get(0)))
			.contains("customer=cus_existing", "line_items[0][price]=" + PRICE_BASIC);
	}

	@Test
	void checkoutWhenTenAtOnceForNewUserThenOneCustomer() throws Exception {
		// A slow creation widens the window in which the other nine could slip past.
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.customer("cus_once").withFixedDelay(200));
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_3"));
		User user = user();

		List<Api.Response> responses = Parallel.run(10, () -> checkout(user, "basic"));

		assertThat(responses).extracting(Api.Response::status).containsOnly(200);
		List<LoggedRequest> creations = StripeFake.posts(StripeFake.CUSTOMERS);
		assertThat(creations).hasSize(1);
		assertThat(storedCustomerId(user)).isEqualTo("cus_once");
		Set<String> customersInSessions = StripeFake.posts(StripeFake.CHECKOUT_SESSIONS)
			.stream()
			.map(StripeFake::form)
			.map((form) -> form.replaceAll(".*customer=([^&]+).*", "$1"))
			.collect(Collectors.toSet());
		assertThat(customersInSessions).containsExactly("cus_once");
	}

	@Test
	void checkoutWhenTierFreeOrUnknownOrMissingThenInvalidRequest() {
		User user = user();

		for (Object tier : new Object[] { "free_trial", "free_restricted", "gold", "BASIC", "", null }) {
			Api.Response response = this.api.post("/billing/checkout", Api.body("tier", tier), user.bearer());
			assertThat(response.status()).as(String.valueOf(tier)).isEqualTo(400);
			assertThat(response.code()).isEqualTo("invalid_request");
		}
		assertThat(this.api.postRaw("/billing/checkout", "{}".getBytes(), user.bearer()).code())
			.isEqualTo("invalid_request");
		assertThat(StripeFake.server().getAllServeEvents()).isEmpty();
		assertThat(storedCustomerId(user)).isNull();
	}

	@Test
	void checkoutWhenSubscriptionActiveOrPastDueThenAlreadySubscribed() {
		User user = user();
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_sub' WHERE id = ?", user.id());
		for (String status : List.of("active", "past_due", "trialing")) {
			this.subscriptions.upsertIfNotOlder(subscription(user, "sub_" + status, status));

			Api.Response response = checkout(user, "pro");

			assertThat(response.status()).as(status).isEqualTo(409);
			assertThat(response.code()).isEqualTo("already_subscribed");
			this.jdbc.update("DELETE FROM subscriptions");
		}
		assertThat(StripeFake.server().getAllServeEvents()).isEmpty();
	}

	@Test
	void checkoutWhenOnlyCanceledSubscriptionThenAllowed() {
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_4"));
		User user = user();
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_sub' WHERE id = ?", user.id());
		this.subscriptions.upsertIfNotOlder(subscription(user, "sub_old", "canceled"));

		assertThat(checkout(user, "basic").status()).isEqualTo(200);
	}

	@Test
	void billingCallsWhenUnauthenticatedThenAuthenticationRequired() {
		for (Api.Response response : List.of(this.api.post("/billing/checkout", Api.body("tier", "pro")),
				this.api.post("/billing/portal", Api.body()), this.api.get("/billing/subscription"))) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.code()).isEqualTo("authentication_required");
		}
		assertThat(StripeFake.server().getAllServeEvents()).isEmpty();
	}

	static Subscription subscription(User user, String id, String status) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return new Subscription(id, user.id(), "cus_sub", status, PRICE_PRO, Optional.of(Tier.PRO),
				now.minus(1, ChronoUnit.DAYS), now.plus(29, ChronoUnit.DAYS), false, null, null,
				now.minus(1, ChronoUnit.DAYS), now);
	}

}
