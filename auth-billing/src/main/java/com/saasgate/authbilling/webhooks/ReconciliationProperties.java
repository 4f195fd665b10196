package com.saasgate.authbilling.webhooks;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * How Stripe events that never arrived are fetched back from Stripe ({@code GET /v1/events}).
 *
 * @param enabled {@code STRIPE_RECONCILIATION_ENABLED}, whether the schedule runs; the operator command
 * works either way; default {@code true}
 * @param cron {@code STRIPE_RECONCILIATION_CRON}, when the job runs (Spring cron, six fields, the
 * server's zone; {@code -} turns it off); default {@code 0 0 * * * *}, hourly
 * @param window {@code STRIPE_RECONCILIATION_WINDOW}, how far back each run lists; at most 30 days, as
 * long as Stripe keeps events; default {@code 3d}
 * @param maxEvents {@code STRIPE_RECONCILIATION_MAX_EVENTS}, the most events one run lists (100 a page);
 * a run that reaches it stops, logs and counts {@code limit_reached}; default {@code 5000}
 */
@ConfigurationProperties("stripe.reconciliation")
@Validated
record ReconciliationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("0 0 * * * *") @NotBlank(message = "STRIPE_RECONCILIATION_CRON must be set") String cron,
		@DefaultValue("3d") @NotNull Duration window,
		@DefaultValue("5000") @Min(value = 1, message = MAX_EVENTS_RANGE) @Max(value = 100_000, message = MAX_EVENTS_RANGE) int maxEvents) {

	/** How long Stripe keeps events, and so the furthest back a run may list. */
	static final Duration RETENTION = Duration.ofDays(30);

	static final String MAX_EVENTS_RANGE = "STRIPE_RECONCILIATION_MAX_EVENTS must be between 1 and 100000";

	@AssertTrue(message = "STRIPE_RECONCILIATION_CRON must be a Spring cron expression (six fields) or -")
	boolean isCronValid() {
		return this.cron == null || this.cron.isBlank() || Scheduled.CRON_DISABLED.equals(this.cron)
				|| CronExpression.isValidExpression(this.cron);
	}

	@AssertTrue(message = "STRIPE_RECONCILIATION_WINDOW must be between 1 minute and 30 days")
	boolean isWindowInRange() {
		return this.window == null
				|| (this.window.compareTo(Duration.ofMinutes(1)) >= 0 && this.window.compareTo(RETENTION) <= 0);
	}

}
