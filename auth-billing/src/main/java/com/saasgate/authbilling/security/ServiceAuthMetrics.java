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
	}

	void count(String service, Result result) {
		String label = (service != null && this.known.contains(service)) ? service : UNKNOWN;
		Counter.builder("service_auth_attempts")
			.description("Calls of service endpoints, by calling service and outcome")
			.tag("service", label)
			.tag("result", result.tag())
			.register(this.registry)
			.increment();
	}

}
