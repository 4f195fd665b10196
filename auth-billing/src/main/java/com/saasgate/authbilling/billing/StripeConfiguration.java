package com.saasgate.authbilling.billing;

import com.stripe.StripeClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link StripeClient}, built from {@code billing.stripe.*}, and whether it has a key. */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

	@Bean
	StripeClient stripeClient(BillingProperties properties) {
		BillingProperties.Stripe stripe = properties.stripe();
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
