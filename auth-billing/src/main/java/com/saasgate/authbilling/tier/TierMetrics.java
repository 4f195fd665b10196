package com.saasgate.authbilling.tier;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** {@code user_tier_changed_total{source}}, registered for every source at start-up so it exists from 0. */
@Component
class TierMetrics {

	private final Map<TierChangeSource, Counter> changed = new EnumMap<>(TierChangeSource.class);

	TierMetrics(MeterRegistry meters) {
		for (TierChangeSource source : TierChangeSource.values()) {
			this.changed.put(source, Counter.builder("user_tier_changed")
				.description("Committed changes of a user's tier, by cause")
				.tag("source", source.value())
				.register(meters));
		}
	}

	void changed(TierChangeSource source) {
		this.changed.get(source).increment();
	}

	void changed(TierChangeSource source, int count) {
		this.changed.get(source).increment(count);
	}

}
