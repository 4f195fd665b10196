package com.saasgate.authbilling.trial;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.authbilling.web.ApiException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code POST /trials/check}: expiry, then reminders, now, holding both jobs' ShedLock locks. When a
 * job (or another check) holds either, nothing is done and the answer is {@code 409
 * trial_check_running} with {@code Retry-After}: waiting would tie a request thread to a run that may
 * take minutes, and that run does the same work anyway.
 */
@Component
class TrialCheck {

	private final TrialService trials;

	private final LockingTaskExecutor locks;

	private final TrialProperties properties;

	private final Clock clock;

	TrialCheck(TrialService trials, LockingTaskExecutor locks, TrialProperties properties, Clock clock) {
		this.trials = trials;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	TrialRun run() {
		TaskResult<TrialRun> result = withLock(TrialService.EXPIRY_LOCK, () -> {
			TaskResult<TrialRun> inner = withLock(TrialService.REMINDER_LOCK, () -> {
				int expired = this.trials.expire();
				int reminded = this.trials.remind();
				return this.trials.recordRun(expired, reminded);
			});
			return inner.wasExecuted() ? inner.getResult() : null;
		});
		if (!result.wasExecuted() || result.getResult() == null) {
			throw new ApiException(HttpStatus.CONFLICT, "trial_check_running",
					"A trial job is running right now; it does the same work. Try again in a minute.",
					Map.of(HttpHeaders.RETRY_AFTER, "60"));
		}
		return result.getResult();
	}

	private TaskResult<TrialRun> withLock(String name, LockingTaskExecutor.TaskWithResult<TrialRun> task) {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), name, this.properties.lockAtMostFor(),
				Duration.ZERO);
		try {
			return this.locks.executeWithLock(task, lock);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
