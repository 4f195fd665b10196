package com.saasgate.authbilling.ops;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigHealthTests {

	@Test
	void configWhenProdHasAPlaceholderSecretThenDown() {
		MockEnvironment environment = new MockEnvironment().withProperty("STRIPE_WEBHOOK_SECRET",
				"your-stripe-webhook-secret-change-in-production");
		environment.setActiveProfiles("prod");

		HealthIndicator config = new HealthIndicators().configHealthIndicator(environment);

		assertThat(config.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(config.health().getDetails().get("placeholders").toString()).contains("STRIPE_WEBHOOK_SECRET")
			.doesNotContain("your-");
	}

	@Test
	void configWhenPlaceholderOutsideProdOrRealSecretsInProdThenUp() {
		MockEnvironment dev = new MockEnvironment().withProperty("JWT_REFRESH_SECRET", "your-jwt-refresh-secret-change-in-production");
		MockEnvironment prod = new MockEnvironment().withProperty("JWT_REFRESH_SECRET", "k3V9q2Lr8TzX1bN6wYc4HsD7fJm0PaEg");
		prod.setActiveProfiles("prod");

		assertThat(new HealthIndicators().configHealthIndicator(dev).health().getStatus()).isEqualTo(Status.UP);
		assertThat(new HealthIndicators().configHealthIndicator(prod).health().getStatus()).isEqualTo(Status.UP);
	}

}
