package com.saasgate.authbilling.trial;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The expiry schedule (default daily 02:00 UTC), on one replica at a time. */
@Component
class TrialExpiryJob {

	private final TrialService trials;

	TrialExpiryJob(TrialService trials) {
		this.trials = trials;
	}

	@Scheduled(cron = "${trial.expiry-cron:0 0 2 * * *}", zone = "UTC")
	@SchedulerLock(name = TrialService.EXPIRY_LOCK, lockAtMostFor = "${trial.lock-at-most-for:30m}")
	void run() {
		this.trials.recordRun(this.trials.expire(), 0);
	}

}
