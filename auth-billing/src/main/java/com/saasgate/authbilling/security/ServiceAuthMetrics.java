package com.saasgate.authbilling.security;

import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code service_auth_attempts_total{service,result}}: one count per call of a service endpoint.
 * {@code service} is a configured name or {@code unknown}, never a claim as sent, so a caller cannot
 * grow the label set.
 */
final class ServiceAuthMetrics {

	static final String UNKNOWN = "unknown";

	/** Why a call was let through or not. */
	enum Result {

		ALLOWED, FORBIDDEN, INVALID, MISSING;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final MeterRegistry registry;

	private final Set<String> known;

	ServiceAuthMetrics(MeterRegistry registry, Set<String> known) {
		this.registry = registry;
		this.known = Set.copyOf(new TreeSet<>(known));
		// Every series exists from start-up at 0 (api-contract section 7), so rates and alerts see the
		// first refusal as a change rather than a new series.
		for (String service : this.known) {
			for (Result result : Result.values()) {
				counter(service, result);
			}
		}
		for (Result result : Result.values()) {
			counter(UNKNOWN, result);
		}
	}

	void count(String service, Result result) {
		counter((service != null && this.known.contains(service)) ? service : UNKNOWN, result).increment();
	}

	private Counter counter(String service, Result result) {
		return Counter.builder("service_auth_attempts")
			.description("Calls of service endpoints, by calling service and outcome")
			.tag("service", service)
			.tag("result", result.tag())
			.register(this.registry);
	}

}
