package com.saasgate.authbilling.webhooks;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How stored Stripe events are applied.
 *
 * @param interval {@code STRIPE_EVENTS_APPLY_INTERVAL}, how often due events (retries, and any a
 * replica stored but did not get to) are looked for; a stored event is applied at once without
 * waiting for it; default {@code 1s}
 * @param batchSize {@code STRIPE_EVENTS_APPLY_BATCH_SIZE}, due events listed per query; default
 * {@code 100}, at most 1000
 * @param maxAttempts {@code STRIPE_EVENTS_MAX_ATTEMPTS}, tries before an event is {@code failed} and
 * waits for an operator's replay; default {@code 20} (about ten hours with the default back-off)
 * @param maxBackoff {@code STRIPE_EVENTS_MAX_BACKOFF}, the longest wait between tries (2 s, 4 s, 8 s
 * ... up to this); default {@code 1h}
 */
@ConfigurationProperties("stripe.events")
@Validated
record ApplierProperties(@NotNull @DefaultValue("1s") Duration interval,
		@Min(1) @Max(1000) @DefaultValue("100") int batchSize, @Min(1) @Max(100) @DefaultValue("20") int maxAttempts,
		@NotNull @DefaultValue("1h") Duration maxBackoff) {

	/** 2 s, 4 s, 8 s ... up to {@link #maxBackoff()}, after {@code attempts} tries. */
	Duration backoff(int attempts) {
		Duration backoff = Duration.ofSeconds(1L << Math.min(Math.max(attempts, 1), 20));
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

}
