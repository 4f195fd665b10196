package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.saasgate.devsupport.MutableClock;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox rows and relays for tests. Rows are queued a day ahead and the test relays' clocks run a
 * day ahead too, so the application's own scheduled relay, on the real clock, never touches them.
 */
final class OutboxRows {

	/** How far ahead the rows and test relays live. */
	static final Duration AHEAD = Duration.ofDays(1);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	OutboxRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A mail row due a day from now (database time). */
	long mailAhead(String to) {
		return insertAhead(Outbox.EMAIL, Map.of("to", to, "subject", "Test", "text", "Open https://example.test/?token=secret-link"));
	}

	long insertAhead(String topic, Object payload) {
		return this.jdbc.queryForObject("""
				INSERT INTO outbox (topic, payload, next_attempt_at)
				VALUES (?, CAST(? AS jsonb), now() + interval '1 day') RETURNING id
				""", Long.class, topic, json.writeValueAsString(payload));
	}

	Map<String, Object> row(long id) {
		return this.jdbc.queryForMap("SELECT *, payload::text AS payload_text FROM outbox WHERE id = ?", id);
	}

	int count(String condition) {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE " + condition, Integer.class);
	}

	/** The real clock moved a day (and a minute) ahead: the test rows are due on it. */
	static Clock clockAhead() {
		return Clock.offset(Clock.systemUTC(), AHEAD.plusMinutes(1));
	}

	static MutableClock mutableClockAhead() {
		return new MutableClock(Instant.now().plus(AHEAD).plusSeconds(60));
	}

	/** Settings that pass validation unless the caller makes them not. */
	static OutboxProperties properties(int batchSize, Duration handlerTimeout, Duration lease, int maxAttempts) {
		return new OutboxProperties(batchSize, handlerTimeout, lease, maxAttempts, Duration.ofHours(1),
				Duration.ofSeconds(1), Duration.ofDays(7), 1000, Duration.ofHours(1));
	}

}
