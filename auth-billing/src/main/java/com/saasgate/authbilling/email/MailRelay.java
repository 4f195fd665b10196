package com.saasgate.authbilling.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends queued mail. Each pass claims a batch with a lease ({@code FOR UPDATE SKIP LOCKED}, so
 * replicas never claim the same row), sends it outside any transaction, and marks each mail sent or
 * schedules its next try with exponential back-off. A replica that dies mid-send leaves its claim to
 * expire, and another sends the mail: delivery is at least once, never at most once.
 */
@Component
class MailRelay {

	private static final Logger logger = LoggerFactory.getLogger(MailRelay.class);

	private static final String CLAIM_DUE = """
			UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :leaseUntil
			WHERE id IN (
			    SELECT id FROM outbox
			    WHERE topic = 'email' AND delivered_at IS NULL AND next_attempt_at <= :now
			    ORDER BY next_attempt_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			RETURNING id, attempts, payload::text AS payload
			""";

	/** The body (which holds single-use links) is dropped once the mail is out. */
	private static final String MARK_DELIVERED = """
			UPDATE outbox SET delivered_at = :now, last_error = NULL, payload = payload - 'text' WHERE id = :id
			""";

	private static final String SCHEDULE_RETRY = """
			UPDATE outbox SET next_attempt_at = :retryAt, last_error = :error WHERE id = :id
			""";

	private final JdbcClient jdbc;

	private final JavaMailSender sender;

	private final JsonMapper json;

	private final MailProperties properties;

	private final Clock clock;

	private final Counter sent;

	private final Counter failed;

	MailRelay(JdbcClient jdbc, JavaMailSender sender, JsonMapper json, MailProperties properties, Clock clock,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.sender = sender;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.sent = Counter.builder("emails_sent").tag("result", "sent").register(meters);
		this.failed = Counter.builder("emails_sent").tag("result", "failed").register(meters);
	}

	@Scheduled(fixedDelayString = "${mail.relay-interval:1s}")
	void relay() {
		List<Claimed> batch;
		do {
			batch = claim();
			batch.forEach(this::deliver);
		}
		while (batch.size() == this.properties.relayBatchSize());
	}

	private List<Claimed> claim() {
		Instant now = this.clock.instant();
		return this.jdbc.sql(CLAIM_DUE)
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(now.plus(this.properties.lease())))
			.param("limit", this.properties.relayBatchSize())
			.query((rs, rowNum) -> new Claimed(rs.getLong("id"), rs.getInt("attempts"), rs.getString("payload")))
			.list();
	}

	private void deliver(Claimed claimed) {
		try {
			JsonNode payload = this.json.readTree(claimed.payload());
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(this.properties.from());
			message.setTo(payload.path("to").asString());
			message.setSubject(payload.path("subject").asString());
			message.setText(payload.path("text").asString());
			this.sender.send(message);
			this.jdbc.sql(MARK_DELIVERED).param("id", claimed.id()).param("now", Timestamp.from(this.clock.instant())).update();
			this.sent.increment();
		}
		catch (RuntimeException ex) {
			Duration backoff = backoff(claimed.attempts());
			logger.warn("Mail {} not sent (attempt {}), retrying in {}: {}", claimed.id(), claimed.attempts(), backoff,
					ex.getMessage());
			this.jdbc.sql(SCHEDULE_RETRY)
				.param("id", claimed.id())
				.param("retryAt", Timestamp.from(this.clock.instant().plus(backoff)))
				.param("error", truncate(ex.getMessage()))
				.update();
			this.failed.increment();
		}
	}

	/** 2 s, 4 s, 8 s ... up to {@link MailProperties#maxBackoff()}. */
	Duration backoff(int attempts) {
		Duration backoff = Duration.ofSeconds(1L << Math.min(Math.max(attempts, 1), 20));
		return (backoff.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : backoff;
	}

	private static String truncate(String message) {
		if (message == null) {
			return "unknown error";
		}
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

	private record Claimed(long id, int attempts, String payload) {
	}

}
