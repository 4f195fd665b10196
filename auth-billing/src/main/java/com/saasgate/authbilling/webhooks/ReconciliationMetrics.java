package com.saasgate.authbilling.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code stripe_reconciliation_runs_total{result}} and {@code stripe_reconciliation_events_total{result}},
 * every series registered at start-up so that each exists from 0.
 */
@Component
class ReconciliationMetrics {

	/** How a run ended. */
	enum Run {

		/** Every event in the window was listed. */
		COMPLETED,
		/** Stopped at {@code STRIPE_RECONCILIATION_MAX_EVENTS} with more in the window. */
		LIMIT_REACHED,
		/** Stripe failed (unreachable, 5xx, 429, an unreadable answer); the next run tries again. */
		STRIPE_UNAVAILABLE,
		/** Not run: no {@code STRIPE_SECRET_KEY}. */
		NOT_CONFIGURED

	}

	/** What became of a listed event. */
	enum Event {

		STORED, ALREADY_KNOWN, INVALID

	}

	private final Map<Run, Counter> runs;

	private final Map<Event, Counter> events;

	ReconciliationMetrics(MeterRegistry meters) {
		this.runs = counters(Run.values(), (run) -> Counter.builder("stripe.reconciliation.runs")
			.description("Stripe event reconciliation runs by outcome")
			.tag("result", tag(run))
			.register(meters));
		this.events = counters(Event.values(), (event) -> Counter.builder("stripe.reconciliation.events")
			.description("Events listed by Stripe event reconciliation, by what became of them")
			.tag("result", tag(event))
			.register(meters));
	}

	void run(Run result) {
		this.runs.get(result).increment();
	}

	void event(Event result) {
		this.events.get(result).increment();
	}

	private static String tag(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static <E extends Enum<E>> Map<E, Counter> counters(E[] values, Function<E, Counter> counter) {
		return Stream.of(values).collect(Collectors.toUnmodifiableMap(Function.identity(), counter));
	}

}
