package com.saasgate.authbilling.billing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.tier.TierChangeSource;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Downgrades users whose subscription has been {@code past_due} for longer than
 * {@code billing.past-due-grace}: no Stripe event marks the end of the grace, so a job does, every
 * {@code billing.past-due-check-interval} (default 5 min) on one replica at a time (ShedLock). Each
 * user is one short transaction through {@link SubscriptionTiers}, so a user who paid meanwhile
 * (the subscription is active again) is left alone.
 */
@Component
class PastDueGraceJob {

	private static final Logger logger = LoggerFactory.getLogger(PastDueGraceJob.class);

	static final int BATCH = 500;

	private final SubscriptionRepository subscriptions;

	private final SubscriptionTiers tiers;

	private final BillingProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PastDueGraceJob(SubscriptionRepository subscriptions, SubscriptionTiers tiers, BillingProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.subscriptions = subscriptions;
		this.tiers = tiers;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${billing.past-due-check-interval:5m}",
			initialDelayString = "${billing.past-due-check-interval:5m}")
	@SchedulerLock(name = "billing-past-due-grace", lockAtMostFor = "10m")
	void scheduled() {
		downgradeExpiredGraces();
	}

	/** @return how many users were downgraded */
	int downgradeExpiredGraces() {
		int downgraded = 0;
		List<UUID> users;
		do {
			users = this.subscriptions.usersPastGrace(this.clock.instant().minus(this.properties.pastDueGrace()), BATCH);
			int changed = 0;
			for (UUID user : users) {
				if (Boolean.TRUE.equals(this.transactions.execute((status) -> this.tiers.sync(user,
						TierChangeSource.PAYMENT_GRACE, "past_due for longer than " + this.properties.pastDueGrace())))) {
					changed++;
				}
			}
			downgraded += changed;
			if (changed == 0) {
				break;
			}
		}
		while (users.size() == BATCH);
		if (downgraded > 0) {
			logger.info("{} users past their payment grace are free_restricted now", downgraded);
		}
		return downgraded;
	}

}
