package com.saasgate.authbilling.outbox;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox's meters, created for every known topic at start-up so that they exist from 0:
 * {@code outbox_dead_letters_total{topic}}, {@code outbox_claims_lost_total{topic}} (completions
 * refused because another relay had taken the claim over) and the gauge
 * {@code outbox_pending{topic}} (messages neither delivered nor dead-lettered).
 */
@Component
class OutboxMetrics {

	private static final String COUNT_PENDING = """
			SELECT count(*) FROM outbox WHERE topic = :topic AND delivered_at IS NULL AND dead_lettered_at IS NULL
			""";

	private final Map<String, Counter> deadLetters;

	private final Map<String, Counter> claimsLost;

	OutboxMetrics(MeterRegistry meters, JdbcClient jdbc) {
		this.deadLetters = perTopic((topic) -> Counter.builder("outbox.dead.letters")
			.description("Outbox messages dead-lettered: failed permanently or too often")
			.tag("topic", topic)
			.register(meters));
		this.claimsLost = perTopic((topic) -> Counter.builder("outbox.claims.lost")
			.description("Outbox completions refused because the claim had been taken over")
			.tag("topic", topic)
			.register(meters));
		for (String topic : Outbox.TOPICS) {
			Gauge.builder("outbox.pending", () -> jdbc.sql(COUNT_PENDING).param("topic", topic).query(Long.class).single())
				.description("Outbox messages neither delivered nor dead-lettered")
				.tag("topic", topic)
				.register(meters);
		}
	}

	void deadLettered(String topic) {
		this.deadLetters.get(topic).increment();
	}

	void claimLost(String topic) {
		this.claimsLost.get(topic).increment();
	}

	private static Map<String, Counter> perTopic(Function<String, Counter> counter) {
		return Outbox.TOPICS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), counter));
	}

}
