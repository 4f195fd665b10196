package com.saasgate.authbilling.usage;

import java.util.Locale;

import com.saasgate.authbilling.billing.Plan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code usage_records_total{resourceType,result}}: one count per event a record, batch or commit
 * call answered. {@code resourceType} is a known type or {@code unknown}, never a value as sent, and
 * every series is registered at start-up with zero, so dashboards see them before the first event.
 */
@Component
class UsageMetrics {

	static final String UNKNOWN = "unknown";

	/** What became of an event. */
	enum Result {

		RECORDED, DUPLICATE, REJECTED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final MeterRegistry registry;

	UsageMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String type : Plan.RESOURCE_TYPES) {
			for (Result result : Result.values()) {
				counter(type, result);
			}
		}
		counter(UNKNOWN, Result.REJECTED);
	}

	void count(String resourceType, Result result) {
		// absent from the request is unknown too (and List.of's contains(null) throws)
		String label = (resourceType != null && Plan.RESOURCE_TYPES.contains(resourceType)) ? resourceType : UNKNOWN;
		counter(label, result).increment();
	}

	private Counter counter(String resourceType, Result result) {
		return Counter.builder("usage_records")
			.description("Usage events answered, by resource type and outcome")
			.tag("resourceType", resourceType)
			.tag("result", result.tag())
			.register(this.registry);
	}

}
