package com.saasgate.authbilling.billing;

import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe failing in each way: a 5xx, a 429, an answer slower than the timeout, a broken connection.
 * The answer is a {@code 502 stripe_unavailable}, nothing is stored, and the next try replays the same
 * customer creation (same idempotency key) instead of making a second customer.
 */
@IntegrationTest
class CheckoutFailureTests extends BillingTestSupport {

	@Test
	void checkoutWhenCustomerCreationFailsWith5xxThenStripeUnavailableAndRetriedWithSameKey() {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.serverError());
		User user = user();

		assertStripeUnavailable(checkout(user, "basic"));

		// stripe-java retried once (STRIPE_MAX_RETRIES=1) with the key it was given.
		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).hasSize(2)
			.extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly("customer-create-" + user.id());
		assertThat(storedCustomerId(user)).isNull();
		assertThat(StripeFake.posts(StripeFake.CHECKOUT_SESSIONS)).isEmpty();

		assertRetrySucceedsWithSameKey(user, 2);
	}

	@Test
	void checkoutWhenStripeRateLimitsThenStripeUnavailableAndNothingStored() {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.rateLimited());
		User user = user();

		assertStripeUnavailable(checkout(user, "pro"));

		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).hasSize(1);
		assertThat(storedCustomerId(user)).isNull();
		assertRetrySucceedsWithSameKey(user, 1);
	}

	@Test
	void checkoutWhenStripeSlowerThanTimeoutThenStripeUnavailableAndRetriedWithSameKey() {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.customer("cus_late").withFixedDelay(3_000));
		User user = user();

		assertStripeUnavailable(checkout(user, "basic"));

		// Two tries of 500 ms each, not one wait for the slow answer.
		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).hasSize(2)
			.extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly("customer-create-" + user.id());
		assertThat(storedCustomerId(user)).isNull();
		assertRetrySucceedsWithSameKey(user, 2);
	}

	@Test
	void checkoutWhenFirstTryTimesOutThenStripeJavaRetryWithSameKeySucceeds() {
		StripeFake.server()
			.stubFor(StripeFake.onPost(StripeFake.CUSTOMERS)
				.inScenario("slow first")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(StripeFake.customer("cus_replayed").withFixedDelay(3_000))
				.willSetStateTo("answered"));
		StripeFake.server()
			.stubFor(StripeFake.onPost(StripeFake.CUSTOMERS)
				.inScenario("slow first")
				.whenScenarioStateIs("answered")
				.willReturn(StripeFake.customer("cus_replayed")));
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_r"));
		User user = user();

		Api.Response response = checkout(user, "basic");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).hasSize(2)
			.extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly("customer-create-" + user.id());
		assertThat(storedCustomerId(user)).isEqualTo("cus_replayed");
	}

	@Test
	void checkoutWhenConnectionBrokenThenStripeUnavailable() {
		StripeFake.stub(StripeFake.CUSTOMERS, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		User user = user();

		assertStripeUnavailable(checkout(user, "basic"));

		assertThat(storedCustomerId(user)).isNull();
		assertThat(StripeFake.posts(StripeFake.CHECKOUT_SESSIONS)).isEmpty();
	}

	@Test
	void checkoutWhenSessionCreationFailsThenCustomerKeptAndRetryCreatesNoSecondCustomer() {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.customer("cus_kept"));
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.serverError());
		User user = user();

		assertStripeUnavailable(checkout(user, "pro"));
		assertThat(storedCustomerId(user)).isEqualTo("cus_kept");

		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_k"));
		Api.Response retry = checkout(user, "pro");

		assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
		assertThat(StripeFake.posts(StripeFake.CUSTOMERS)).hasSize(1);
		assertThat(StripeFake.form(StripeFake.posts(StripeFake.CHECKOUT_SESSIONS).get(2))).contains("customer=cus_kept");
	}

	@Test
	void portalWhenStripeFailsThenStripeUnavailable() {
		StripeFake.stub(StripeFake.PORTAL_SESSIONS, StripeFake.serverError());
		User user = user();
		this.jdbc.update("UPDATE users SET stripe_customer_id = 'cus_p' WHERE id = ?", user.id());

		assertStripeUnavailable(this.api.post("/billing/portal", Api.body(), user.bearer()));
	}

	private void assertRetrySucceedsWithSameKey(User user, int failedTries) {
		StripeFake.stub(StripeFake.CUSTOMERS, StripeFake.customer("cus_after_retry"));
		StripeFake.stub(StripeFake.CHECKOUT_SESSIONS, StripeFake.checkoutSession("cs_test_after"));

		Api.Response retry = checkout(user, "basic");

		assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
		List<LoggedRequest> creations = StripeFake.posts(StripeFake.CUSTOMERS);
		assertThat(creations).hasSize(failedTries + 1)
			.extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly("customer-create-" + user.id());
		assertThat(storedCustomerId(user)).isEqualTo("cus_after_retry");
	}

	private static void assertStripeUnavailable(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.code()).isEqualTo("stripe_unavailable");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(new String(response.body())).doesNotContain("127.0.0.1", "req_test", "Exception");
	}

}
