package com.saasgate.authbilling.billing;

import org.junit.jupiter.api.Test;

import com.saasgate.authbilling.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stripe} in {@code /health} follows the last cheap Stripe call, made off the request path. */
@IntegrationTest
class StripeHealthTests extends BillingTestSupport {

	@Autowired
	StripeHealth stripeHealth;

	@Test
	void healthWhenStripeAnswersThenUpAndWhenItFailsThenDegradedNotDown() {
		StripeFake.server().stubFor(StripeFake.onGet("/v1/balance").willReturn(StripeFake.json(200,
				"{\"object\":\"balance\",\"available\":[],\"pending\":[],\"livemode\":false}")));
		this.stripeHealth.check();
		assertThat(this.api.get("/health").json().get("checks").get("stripe").asString()).isEqualTo("UP");

		StripeFake.server().stubFor(StripeFake.onGet("/v1/balance").willReturn(StripeFake.serverError()));
		this.stripeHealth.check();

		var health = this.api.get("/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("checks").get("stripe").asString()).isEqualTo("DEGRADED");
		assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
		int calls = StripeFake.gets("/v1/balance").size();
		this.api.get("/health");
		assertThat(StripeFake.gets("/v1/balance")).as("a probe makes no Stripe call").hasSize(calls);
	}

}
