package com.saasgate.authbilling.webhooks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code stripe_events}: one row per Stripe event id. */
@Repository
class StripeEventRepository {

	private static final String INSERT_IF_ABSENT = """
			INSERT INTO stripe_events (id, type, api_version, created, livemode, payload)
			VALUES (:id, :type, :apiVersion, :created, :livemode, CAST(:payload AS jsonb))
			ON CONFLICT (id) DO NOTHING
			""";

	private static final String OLDEST_WITH_STATUS = """
			SELECT id, type, status, attempts, last_error, received_at FROM stripe_events
			WHERE status = :status ORDER BY received_at, id LIMIT :limit
			""";

	private static final String MAKE_PENDING = """
			UPDATE stripe_events
			SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, applied_at = NULL
			WHERE id = :id
			""";

	/** Oldest first (by Stripe's time), so a backlog is applied in the order it happened. */
	private static final String DUE_IDS = """
			SELECT id FROM stripe_events WHERE status = 'pending' AND next_attempt_at <= :now
			ORDER BY created, id LIMIT :limit
			""";

	/** The event, locked for applying, if it is still due and no other applier holds it. */
	private static final String LOCK_IF_DUE = """
			SELECT payload::text AS payload, attempts FROM stripe_events
			WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now
			FOR UPDATE SKIP LOCKED
			""";

	private static final String MARK_DONE = """
			UPDATE stripe_events
			SET status = :status, attempts = attempts + 1, last_error = NULL,
			    applied_at = CASE WHEN :status = 'applied' THEN CAST(:now AS timestamptz) END
			WHERE id = :id
			""";

	private static final String RECORD_FAILURE = """
			UPDATE stripe_events
			SET attempts = attempts + 1, last_error = :error, next_attempt_at = :nextAttemptAt,
			    status = CASE WHEN attempts + 1 >= :maxAttempts THEN 'failed' ELSE 'pending' END
			WHERE id = :id AND status = 'pending'
			RETURNING status
			""";

	private final JdbcClient jdbc;

	StripeEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** False when Stripe re-delivers an event we already stored. */
	boolean insertIfAbsent(StripeEventRow event) {
		return this.jdbc.sql(INSERT_IF_ABSENT)
			.param("id", event.id())
			.param("type", event.type())
			.param("apiVersion", event.apiVersion())
			.param("created", Timestamp.from(event.created()))
			.param("livemode", event.livemode())
			.param("payload", event.payload())
			.update() == 1;
	}

	/** A due event, locked by the transaction applying it. */
	record Locked(String id, String payload, int attempts) {
	}

	List<StripeEventSummary> oldestWithStatus(String status, int limit) {
		return this.jdbc.sql(OLDEST_WITH_STATUS)
			.param("status", status)
			.param("limit", limit)
			.query((rs, rowNum) -> new StripeEventSummary(rs.getString("id"), rs.getString("type"),
					rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
					rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	List<String> dueIds(Instant now, int limit) {
		return this.jdbc.sql(DUE_IDS).param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
	}

	/** Empty when the event was applied meanwhile, is not due, or another applier holds it. */
	Optional<Locked> lockIfDue(String id, Instant now) {
		return this.jdbc.sql(LOCK_IF_DUE)
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query((rs, rowNum) -> new Locked(id, rs.getString("payload"), rs.getInt("attempts")))
			.optional();
	}

	/** Marks a locked event {@code applied} or {@code ignored} (no handler for its type). */
	void markDone(String id, String status, Instant now) {
		this.jdbc.sql(MARK_DONE).param("id", id).param("status", status).param("now", Timestamp.from(now)).update();
	}

	/** Records a failed try; the answer is the event's status after it, empty when it was no longer pending. */
	Optional<String> recordFailure(String id, String error, Instant nextAttemptAt, int maxAttempts) {
		return this.jdbc.sql(RECORD_FAILURE)
			.param("id", id)
			.param("error", error)
			.param("nextAttemptAt", Timestamp.from(nextAttemptAt))
			.param("maxAttempts", maxAttempts)
			.query(String.class)
			.optional();
	}

	/** False when there is no such event. */
	boolean makePending(String id) {
		return this.jdbc.sql(MAKE_PENDING).param("id", id).update() == 1;
	}

}
