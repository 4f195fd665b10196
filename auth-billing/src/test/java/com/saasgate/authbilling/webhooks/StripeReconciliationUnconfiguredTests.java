package com.saasgate.authbilling.webhooks;

import java.util.Map;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code STRIPE_SECRET_KEY} (the default test context) nothing calls Stripe. */
@IntegrationTest
class StripeReconciliationUnconfiguredTests {

	@Autowired
	Api api;

	@Autowired
	StripeReconciliationJob job;

	@Autowired
	MeterRegistry meters;

	@Test
	void reconcileWhenNoStripeKeyThenStripeUnavailable() {
		Api.Response response = this.api.post("/internal/stripe-events/reconcile", Map.of(),
				TestServiceTokens.header("ops"));

		assertThat(response.status()).as(response.toString()).isEqualTo(502);
		assertThat(response.code()).isEqualTo("stripe_unavailable");
	}

	@Test
	void jobWhenNoStripeKeyThenCountedAsNotConfigured() {
		double before = notConfigured();

		this.job.run();

		assertThat(notConfigured()).isEqualTo(before + 1);
	}

	private double notConfigured() {
		return this.meters.get("stripe.reconciliation.runs").tag("result", "not_configured").counter().count();
	}

}
