package com.saasgate.authbilling.trial;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code trial_expiration_checks_total{action}}: users downgraded ({@code expired}), reminders
 * queued ({@code reminded}) and runs that failed ({@code failed}); registered at start-up at zero.
 */
@Component
class TrialMetrics {

	private final Counter expired;

	private final Counter reminded;

	private final Counter failed;

	TrialMetrics(MeterRegistry meters) {
		this.expired = counter(meters, "expired");
		this.reminded = counter(meters, "reminded");
		this.failed = counter(meters, "failed");
	}

	void expired(int count) {
		this.expired.increment(count);
	}

	void reminded(int count) {
		this.reminded.increment(count);
	}

	void failed() {
		this.failed.increment();
	}

	private static Counter counter(MeterRegistry meters, String action) {
		return Counter.builder("trial_expiration_checks")
			.description("Trial job outcomes: users downgraded, reminders queued, failed runs")
			.tag("action", action)
			.register(meters);
	}

}
