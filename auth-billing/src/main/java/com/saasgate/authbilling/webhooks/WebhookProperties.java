package com.saasgate.authbilling.webhooks;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Stripe's webhook deliveries are verified.
 *
 * @param secret {@code STRIPE_WEBHOOK_SECRET}, the endpoint's signing secret ({@code whsec_...}); no
 * default: without it every delivery is refused as {@code invalid_signature}
 * @param previousSecret {@code STRIPE_WEBHOOK_SECRET_PREVIOUS}, the secret being rotated out, also
 * accepted while set; default none
 * @param tolerance {@code STRIPE_WEBHOOK_TOLERANCE}, how far a signature's timestamp may be from now,
 * either way; default {@code 300s} (Stripe's own)
 */
@ConfigurationProperties("stripe.webhook")
@Validated
record WebhookProperties(String secret, String previousSecret, @NotNull @DefaultValue("300s") Duration tolerance) {

	@Override
	public String toString() {
		return "WebhookProperties[secret=(hidden), previousSecret=(hidden), tolerance=" + this.tolerance + "]";
	}

}
