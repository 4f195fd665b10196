package com.saasgate.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole upgrade offline: the suite names no Stripe, so DevSuite's stand-in answers auth-billing's
 * checkout call; paying on its page sends the signed webhooks through the gateway, and the user's tier
 * becomes the one bought.
 */
@ExtendWith(E2eSuite.class)
class StripeStandInIT {

	private final Api api;

	StripeStandInIT(Api api) {
		this.api = api;
	}

	@Test
	void checkoutWhenPaidOnStandInPageThenTierIsPro() {
		TokenPair tokens = this.api.verifiedUser(Account.fresh());
		Response checkout = this.api.post("/api/billing/checkout", Map.of("tier", "pro"), "Authorization", tokens.bearer());
		assertThat(checkout.status()).as("%s", checkout).isEqualTo(200);
		String url = checkout.text("url");
		assertThat(url).startsWith(this.api.suite().stripeStandIn().orElseThrow().url() + "/checkout/cs_test_");

		Response page = this.api.send("GET", url, null);
		assertThat(page.body()).contains("Pay (test)");
		Response paid = this.api.send("POST", url + "/pay", "");

		assertThat(paid.status()).as("%s", paid).isEqualTo(303);
		assertThat(URI.create(paid.header("Location")).getPath()).isEqualTo("/billing/success");
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Response me = this.api.me(tokens);
			assertThat(me.text("tier")).isEqualTo("pro");
			assertThat(me.text("effectiveTier")).isEqualTo("pro");
		});
		assertThat(this.api.get("/api/billing/subscription", "Authorization", tokens.bearer()).text("status"))
			.isEqualTo("active");
	}

}
