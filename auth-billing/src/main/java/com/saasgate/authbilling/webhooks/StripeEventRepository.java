package com.saasgate.authbilling.webhooks;

import java.sql.Timestamp;
import java.util.List;

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

	List<StripeEventSummary> oldestWithStatus(String status, int limit) {
		return this.jdbc.sql(OLDEST_WITH_STATUS)
			.param("status", status)
			.param("limit", limit)
			.query((rs, rowNum) -> new StripeEventSummary(rs.getString("id"), rs.getString("type"),
					rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
					rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	/** False when there is no such event. */
	boolean makePending(String id) {
		return this.jdbc.sql(MAKE_PENDING).param("id", id).update() == 1;
	}

}
