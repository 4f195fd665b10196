package com.saasgate.authbilling.trial;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The reminder schedule (default daily 10:00 UTC), on one replica at a time. */
@Component
class TrialReminderJob {

	private final TrialService trials;

	TrialReminderJob(TrialService trials) {
		this.trials = trials;
	}

	@Scheduled(cron = "${trial.reminder-cron:0 0 10 * * *}", zone = "UTC")
	@SchedulerLock(name = TrialService.REMINDER_LOCK, lockAtMostFor = "${trial.lock-at-most-for:30m}")
	void run() {
		this.trials.recordRun(0, this.trials.remind());
	}

}
