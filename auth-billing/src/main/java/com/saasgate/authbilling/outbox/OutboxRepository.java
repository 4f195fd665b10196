package com.saasgate.authbilling.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The relay's SQL. A claim stamps due rows with a fresh token and a lease; every completion checks
 * that token, so a relay whose lease was taken over changes nothing (it gets {@code false}).
 */
@Repository
class OutboxRepository {

	/** RETURNING comes in no particular order; the outer query delivers the longest-waiting first. */
	private static final String CLAIM_DUE = """
			WITH claimed AS (
			    UPDATE outbox SET attempts = attempts + 1, claim_token = :token, claimed_until = :until
			    WHERE id IN (
			        SELECT id FROM outbox
			        WHERE topic IN (:topics) AND delivered_at IS NULL AND dead_lettered_at IS NULL
			          AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until <= :now)
			        ORDER BY next_attempt_at
			        LIMIT :limit
			        FOR UPDATE SKIP LOCKED)
			    RETURNING id, topic, attempts, payload, next_attempt_at)
			SELECT id, topic, attempts, payload::text AS payload FROM claimed ORDER BY next_attempt_at, id
			""";

	private static final String MARK_DELIVERED = """
			UPDATE outbox SET delivered_at = :now, last_error = NULL, claim_token = NULL, claimed_until = NULL,
			    payload = payload - string_to_array(:drop, ',')
			WHERE id = :id AND claim_token = :token
			""";

	private static final String SCHEDULE_RETRY = """
			UPDATE outbox SET next_attempt_at = :retryAt, last_error = :error, claim_token = NULL, claimed_until = NULL
			WHERE id = :id AND claim_token = :token
			""";

	private static final String DEAD_LETTER = """
			UPDATE outbox SET dead_lettered_at = :now, last_error = :error, claim_token = NULL, claimed_until = NULL
			WHERE id = :id AND claim_token = :token
			""";

	/** Rows a relay claimed but will not try in time go back untried, for the next claim. */
	private static final String RELEASE = """
			UPDATE outbox SET attempts = attempts - 1, claim_token = NULL, claimed_until = NULL
			WHERE id IN (:ids) AND claim_token = :token
			""";

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Claims up to {@code limit} due rows of the given topics until {@code until}. */
	Claim claim(Set<String> topics, Instant now, Instant until, int limit) {
		UUID token = UUID.randomUUID();
		List<ClaimedMessage> messages = this.jdbc.sql(CLAIM_DUE)
			.param("token", token)
			.param("until", Timestamp.from(until))
			.param("topics", topics)
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, rowNum) -> new ClaimedMessage(rs.getLong("id"), rs.getString("topic"), rs.getInt("attempts"),
					rs.getString("payload")))
			.list();
		return new Claim(token, until, messages);
	}

	boolean markDelivered(long id, UUID token, Instant now, Set<String> dropFields) {
		return this.jdbc.sql(MARK_DELIVERED)
			.param("id", id)
			.param("token", token)
			.param("now", Timestamp.from(now))
			.param("drop", String.join(",", dropFields))
			.update() == 1;
	}

	boolean scheduleRetry(long id, UUID token, Instant retryAt, String error) {
		return this.jdbc.sql(SCHEDULE_RETRY)
			.param("id", id)
			.param("token", token)
			.param("retryAt", Timestamp.from(retryAt))
			.param("error", error)
			.update() == 1;
	}

	boolean deadLetter(long id, UUID token, Instant now, String error) {
		return this.jdbc.sql(DEAD_LETTER)
			.param("id", id)
			.param("token", token)
			.param("now", Timestamp.from(now))
			.param("error", error)
			.update() == 1;
	}

	int release(Collection<Long> ids, UUID token) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(RELEASE).param("ids", ids).param("token", token).update();
	}

	/** One claim: its fencing token, the end of its lease and the rows it holds. */
	record Claim(UUID token, Instant until, List<ClaimedMessage> messages) {
	}

	/** A claimed row; {@code attempts} counts this try. */
	record ClaimedMessage(long id, String topic, int attempts, String payload) {
	}

}
