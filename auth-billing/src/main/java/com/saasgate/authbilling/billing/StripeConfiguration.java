package com.saasgate.authbilling.billing;

import com.saasgate.authbilling.webhooks.StripeConnection;
import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;
import com.stripe.StripeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one {@link StripeClient}, built from {@code billing.stripe.*}, and whether it has a key. */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StripeConfiguration.class);

	/**
	 * @throws InvalidConfigurationException for a key that is not a secret or restricted key
	 * ({@code sk_}, {@code rk_}: a publishable {@code pk_} key pasted by mistake), or a placeholder in
	 * {@code prod}
	 */
	@Bean
	StripeClient stripeClient(BillingProperties properties, Environment environment) {
		BillingProperties.Stripe stripe = properties.stripe();
		SecretPolicy.Verdict verdict = SecretPolicy.checkOptional("STRIPE_SECRET_KEY", stripe.secretKey(),
				environment.matchesProfiles("prod"), "sk_", "rk_");
		verdict.warnings().forEach(logger::warn);
		if (!verdict.ok()) {
			throw new InvalidConfigurationException(verdict.errors());
		}
		String base = stripe.apiBase().toString();
		return StripeClient.builder()
			// stripe-java refuses a blank key at build time; without one every call fails fast instead.
			.setApiKey(stripe.configured() ? stripe.secretKey() : "sk_unset")
			.setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
			.setConnectTimeout(Math.toIntExact(stripe.connectTimeout().toMillis()))
			.setReadTimeout(Math.toIntExact(stripe.timeout().toMillis()))
			.setMaxNetworkRetries(stripe.maxRetries())
			.build();
	}

	@Bean
	StripeConnection stripeConnection(BillingProperties properties) {
		return properties.stripe()::configured;
	}

}
