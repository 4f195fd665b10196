package com.saasgate.authbilling.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Dead letters for operators. Never reads the payload: a mail's holds single-use links. A retried
 * dead letter starts again with a full set of attempts, due at once.
 */
@Repository
class DeadLetterRepository {

	private static final String LIST_NEWEST = """
			SELECT id, topic, attempts, last_error, created_at, dead_lettered_at FROM outbox
			WHERE dead_lettered_at IS NOT NULL
			ORDER BY dead_lettered_at DESC, id DESC
			LIMIT :limit
			""";

	private static final String RETRY_ONE = """
			UPDATE outbox SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = :now
			WHERE id = :id AND dead_lettered_at IS NOT NULL
			""";

	private static final String RETRY_ALL = """
			UPDATE outbox SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = :now
			WHERE dead_lettered_at IS NOT NULL
			""";

	private static final String DELETE_ONE = """
			DELETE FROM outbox WHERE id = :id AND dead_lettered_at IS NOT NULL
			""";

	private final JdbcClient jdbc;

	DeadLetterRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<DeadLetter> newest(int limit) {
		return this.jdbc.sql(LIST_NEWEST)
			.param("limit", limit)
			.query((rs, rowNum) -> new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("dead_lettered_at").toInstant()))
			.list();
	}

	boolean retry(long id, Instant now) {
		return this.jdbc.sql(RETRY_ONE).param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	int retryAll(Instant now) {
		return this.jdbc.sql(RETRY_ALL).param("now", Timestamp.from(now)).update();
	}

	boolean delete(long id) {
		return this.jdbc.sql(DELETE_ONE).param("id", id).update() == 1;
	}

}
