package com.saasgate.authbilling.billing;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.security.contract.Tier;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PlansTests extends BillingTestSupport {

	@Autowired
	Plans plans;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	@Test
	void plansWhenAnonymousThenAnswersEveryTierWithLimits() {
		Api.Response response = this.api.get("/billing/plans");

		assertThat(response.status()).isEqualTo(200);
		JsonNode plans = response.json();
		assertThat(plans).hasSize(4);
		assertThat(plans.valueStream().map((plan) -> plan.get("tier").asString())).containsExactly("free_trial",
				"free_restricted", "basic", "pro");
		JsonNode basic = plans.get(2);
		assertThat(basic.get("name").asString()).isEqualTo("Basic");
		assertThat(basic.get("priceId").asString()).isEqualTo(PRICE_BASIC);
		assertThat(basic.get("monthlyPrice").asLong()).isEqualTo(1900);
		assertThat(basic.get("currency").asString()).isEqualTo("usd");
		JsonNode limits = basic.get("limits");
		assertThat(limits.get("requestsPerMinute").asInt()).isEqualTo(300);
		assertThat(limits.get("llm_tokens").asLong()).isEqualTo(2_000_000);
		assertThat(limits.get("memory_storage").asLong()).isEqualTo(1000);
		assertThat(limits.get("agent_minutes").asLong()).isEqualTo(600);
		assertThat(plans.get(0).get("priceId").isNull()).isTrue();
		assertThat(plans.get(0).get("monthlyPrice").asLong()).isZero();
		assertThat(plans.get(3).get("priceId").asString()).isEqualTo(PRICE_PRO);
	}

	@Test
	void tierForPriceWhenConfiguredPriceThenItsTier() {
		assertThat(this.plans.tierForPrice(PRICE_BASIC)).contains(Tier.BASIC);
		assertThat(this.plans.tierForPrice(PRICE_PRO)).contains(Tier.PRO);
		assertThat(this.plans.plan(Tier.PRO).monthlyQuota("llm_tokens")).contains(10_000_000L);
	}

	@Test
	void tierForPriceWhenUnknownThenEmptyAndCounted() {
		double before = unknownPrices();

		assertThat(this.plans.tierForPrice("price_someone_elses")).isEmpty();
		assertThat(this.plans.tierForPrice(null)).isEmpty();
		assertThat(this.plans.tierForPrice("")).isEmpty();

		assertThat(unknownPrices()).isEqualTo(before + 3);
		assertThat(new String(Api.local(this.managementPort).get("/actuator/prometheus").body()))
			.containsPattern("(?m)^stripe_unknown_price_total(\\{[^}]*\\})? [1-9]");
	}

	private double unknownPrices() {
		return this.meters.get("stripe.unknown.price").counter().count();
	}

}
