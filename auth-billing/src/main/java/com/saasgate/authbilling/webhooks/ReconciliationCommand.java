package com.saasgate.authbilling.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;

import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The operators' reconciliation: the job's work, now, under the job's lock, so it never overlaps a
 * scheduled run or another command on any replica. A held lock is a {@code 409 reconciliation_running};
 * a Stripe failure a {@code 502 stripe_unavailable} (what was stored before it stays stored).
 */
@Service
class ReconciliationCommand {

	/** As long as the longest run: {@code STRIPE_RECONCILIATION_MAX_EVENTS} pages' worth of slow answers. */
	static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);

	private final StripeReconciliation reconciliation;

	private final LockingTaskExecutor locks;

	private final ReconciliationProperties properties;

	private final Clock clock;

	ReconciliationCommand(StripeReconciliation reconciliation, LockingTaskExecutor locks,
			ReconciliationProperties properties, Clock clock) {
		this.reconciliation = reconciliation;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	/** {@code since}: an ISO-8601 instant within Stripe's 30 days, or null for the configured window. */
	ReconciliationResult run(String since, boolean includeDelivered) {
		Instant from = since(since);
		if (!this.reconciliation.configured()) {
			throw stripeUnavailable();
		}
		TaskResult<ReconciliationResult> result;
		try {
			result = this.locks.executeWithLock(
					() -> this.reconciliation.reconcile(from, includeDelivered, this.properties.maxEvents()),
					new LockConfiguration(this.clock.instant(), StripeReconciliation.LOCK, LOCK_AT_MOST_FOR,
							Duration.ZERO));
		}
		catch (StripeReconciliation.StripeUnavailableException ex) {
			throw stripeUnavailable();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		if (!result.wasExecuted()) {
			throw new ApiException(HttpStatus.CONFLICT, "reconciliation_running",
					"A Stripe event reconciliation is running (or has just run); try again in a minute.");
		}
		return result.getResult();
	}

	private Instant since(String since) {
		Instant now = this.clock.instant();
		if (since == null || since.isBlank()) {
			return now.minus(this.properties.window());
		}
		Instant from;
		try {
			from = Instant.parse(since);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalidRequest("since must be an ISO-8601 instant, e.g. 2026-11-24T06:14:13Z.");
		}
		if (from.isAfter(now) || from.isBefore(now.minus(ReconciliationProperties.RETENTION))) {
			throw ApiException.invalidRequest("since must lie within the last 30 days: Stripe keeps events that long.");
		}
		return from;
	}

	private static ApiException stripeUnavailable() {
		return new ApiException(HttpStatus.BAD_GATEWAY, "stripe_unavailable",
				"Stripe could not list its events; events stored before the failure stay stored. Try again.");
	}

}
