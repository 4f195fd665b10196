package com.saasgate.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paid subscription reaches the gateway at once: a signed {@code customer.subscription.updated}
 * posted to the gateway makes the same user's next requests run under the new tier, both at the
 * gateway (its rate limit) and at the upstream behind it ({@code X-User-Tier}), with no wait for the
 * tier cache's TTL.
 */
@ExtendWith(E2eSuite.class)
class StripeTierIT {

	private final Api api;

	StripeTierIT(Api api) {
		this.api = api;
	}

	@Test
	void subscriptionUpdatedWhenPostedToTheGatewayThenTheUsersNextRequestRunsUnderTheNewTier() {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		String userId = this.api.me(tokens).text("userId");
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		String customer = "cus_e2e" + suffix;
		String subscription = "sub_e2e" + suffix;
		String path = "/notes/" + suffix;
		assertThat(upstreamTier(tokens, path)).isEqualTo("free_trial");
		String trialLimit = this.api.me(tokens).header("X-RateLimit-Limit");

		assertThat(deliver(checkoutCompleted(userId, customer, subscription)).status()).isEqualTo(200);
		Response acknowledged = deliver(subscriptionUpdated(customer, subscription, E2eSuite.PRICE_PRO));

		assertThat(acknowledged.status()).as("%s", acknowledged).isEqualTo(200);
		// well inside the tier cache's 10 s TTL: only the broadcast can have told the gateway
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> "pro".equals(upstreamTier(tokens, path)));
		assertThat(this.api.me(tokens).header("X-RateLimit-Limit")).isNotEqualTo(trialLimit)
			.isEqualTo(proLimit());
		assertThat(this.api.get("/api/billing/subscription", "Authorization", tokens.bearer()).text("tier"))
			.isEqualTo("pro");
	}

	/** The tier the upstream was told for one more request of the user. */
	private String upstreamTier(TokenPair tokens, String path) {
		Response response = this.api.get("/api/memory" + path, "Authorization", tokens.bearer());
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		List<LoggedRequest> received = E2eUpstream.server().findAll(anyRequestedFor(urlPathEqualTo(path)));
		return received.get(received.size() - 1).getHeader("X-User-Tier");
	}

	private String proLimit() {
		for (var plan : this.api.get("/api/billing/plans").json()) {
			if ("pro".equals(plan.path("tier").asString())) {
				return plan.path("limits").path("requestsPerMinute").asString();
			}
		}
		throw new AssertionError("no pro plan");
	}

	private Response deliver(String payload) {
		String signature = StripeSignatures.sign(this.api.suite().environment().get("STRIPE_WEBHOOK_SECRET"), payload);
		return this.api.send("POST", this.api.suite().gatewayUrl() + "/api/billing/webhooks", payload,
				"Stripe-Signature", signature);
	}

	private static String checkoutCompleted(String userId, String customer, String subscription) {
		return """
				{"id": "evt_e2e%s", "object": "event", "api_version": "2025-11-17.clover", "created": %d,
				 "livemode": false, "type": "checkout.session.completed",
				 "data": {"object": {"id": "cs_e2e", "object": "checkout.session", "mode": "subscription",
				   "status": "complete", "client_reference_id": "%s", "customer": "%s", "subscription": "%s"}}}
				""".formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond() - 5,
				userId, customer, subscription);
	}

	private static String subscriptionUpdated(String customer, String subscription, String price) {
		long now = Instant.now().getEpochSecond();
		return """
				{"id": "evt_e2e%s", "object": "event", "api_version": "2025-11-17.clover", "created": %d,
				 "livemode": false, "type": "customer.subscription.updated",
				 "data": {"object": {"id": "%s", "object": "subscription", "customer": "%s", "status": "active",
				   "created": %d, "cancel_at_period_end": false,
				   "items": {"object": "list", "data": [{"id": "si_e2e", "object": "subscription_item",
				     "price": {"id": "%s", "object": "price"}, "current_period_start": %d,
				     "current_period_end": %d}]}}}}
				""".formatted(UUID.randomUUID().toString().replace("-", ""), now, subscription, customer, now - 60, price,
				now, now + 30 * 86_400);
	}

}
