package com.saasgate.authbilling.billing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.saasgate.authbilling.AuthBillingApplication;
import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.devsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Bad billing settings stop start-up with one line naming the variable; the secret key is never printed. */
@ExtendWith(OutputCaptureExtension.class)
class BillingConfigurationTests {

	@Test
	void startWhenPriceIdsMalformedOrEqualOrRetriesOutOfRangeThenOneLineForEach(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("--billing.plans.basic.price-id=prod_1",
				"--billing.plans.pro.price-id=price_same", "--billing.stripe.max-retries=9"));

		assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
				"STRIPE_PRICE_BASIC must be empty or a Stripe price id (price_...)",
				"STRIPE_MAX_RETRIES must be between 0 and 5");
	}

	@Test
	void startWhenFreeTierHasPriceThenFails(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> start("--billing.plans.free-trial.price-id=price_free"));

		assertThat(output.getOut()).contains("APPLICATION FAILED TO START", "free tiers have no Stripe price id");
	}

	@Test
	void toStringWhenSecretKeySetThenNotShown() {
		var stripe = new BillingProperties.Stripe("sk_live_very_secret", URI.create("https://api.stripe.com"),
				Duration.ofSeconds(2), Duration.ofSeconds(10), 2);

		assertThat(stripe.toString()).doesNotContain("sk_live").contains("configured=true");
		assertThat(new BillingProperties(URI.create("http://localhost:3000"), stripe, null, java.time.Duration.ofDays(7)).toString())
			.doesNotContain("sk_live");
	}

	private static void start(String... overrides) {
		List<String> args = new java.util.ArrayList<>(List.of("--database.url=" + TestInfrastructure.databaseUrl(),
				"--spring.data.redis.url=" + TestInfrastructure.redisUrl(), "--server.port=0",
				"--management.server.port=0", "--spring.mail.host=127.0.0.1",
				"--auth.jwt.signing-key=" + TestSecrets.JWT_SIGNING_KEY, "--auth.jwt.refresh-secret=" + TestSecrets.JWT_REFRESH_SECRET,
				"--auth.service-jwt-secret=" + TestSecrets.SERVICE_JWT_SECRET,
				"--SERVICE_JWT_SECRET_GATEWAY=" + TestSecrets.SERVICE_JWT_SECRET_GATEWAY));
		args.addAll(List.of(overrides));
		new SpringApplicationBuilder(AuthBillingApplication.class).run(args.toArray(String[]::new)).close();
	}

}
