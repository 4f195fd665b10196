package com.saasgate.authbilling.webhooks;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The schedule of {@link StripeReconciliation}: on {@code STRIPE_RECONCILIATION_CRON} (hourly), on one
 * replica at a time, over the last {@code STRIPE_RECONCILIATION_WINDOW} (3 days), listing the events
 * Stripe could not deliver. A Stripe failure is logged and counted by the reconciliation; the next run
 * tries again. {@code lockAtLeastFor} keeps a replica whose clock is a little behind from running the
 * same tick again; the command meets that lock too, for those 30 seconds.
 */
@Component
@ConditionalOnBooleanProperty(name = "stripe.reconciliation.enabled", matchIfMissing = true)
class StripeReconciliationJob {

	private final StripeReconciliation reconciliation;

	private final ReconciliationProperties properties;

	private final Clock clock;

	StripeReconciliationJob(StripeReconciliation reconciliation, ReconciliationProperties properties, Clock clock) {
		this.reconciliation = reconciliation;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${stripe.reconciliation.cron:0 0 * * * *}")
	@SchedulerLock(name = StripeReconciliation.LOCK, lockAtMostFor = "30m", lockAtLeastFor = "30s")
	void run() {
		try {
			this.reconciliation.reconcile(this.clock.instant().minus(this.properties.window()), false,
					this.properties.maxEvents());
		}
		catch (StripeReconciliation.StripeUnavailableException ex) {
			// logged and counted where it happened; what was stored stays stored
		}
	}

}
