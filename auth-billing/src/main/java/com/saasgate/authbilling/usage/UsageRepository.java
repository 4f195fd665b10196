package com.saasgate.authbilling.usage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's SQL: events, counters, idempotency keys and holds (db/migration V9). */
@Repository
class UsageRepository {

	private static final String FIND_USER = """
			SELECT subscription_tier, trial_ends_at FROM users WHERE id = :id
			""";

	private static final String FIND_USERS = """
			SELECT id, subscription_tier, trial_ends_at FROM users WHERE id = ANY(CAST(:ids AS uuid[]))
			""";

	/** Waits for a concurrent insert of the same key to commit or roll back, then does nothing or inserts. */
	private static final String INSERT_KEY_IF_ABSENT = """
			INSERT INTO usage_idempotency_keys (service, idempotency_key, request_hash, created_at)
			VALUES (:service, :key, :hash, :now)
			ON CONFLICT (service, idempotency_key) DO NOTHING
			""";

	private static final String FIND_KEY = """
			SELECT request_hash, result::text AS result FROM usage_idempotency_keys
			WHERE service = :service AND idempotency_key = :key
			""";

	private static final String SET_KEY_RESULT = """
			UPDATE usage_idempotency_keys SET event_id = :eventId, result = CAST(:result AS jsonb)
			WHERE service = :service AND idempotency_key = :key
			""";

	private static final String INSERT_EVENT = """
			INSERT INTO usage_events (service, user_id, resource_type, amount, metadata, period_start, reservation_id,
			    recorded_at)
			VALUES (:service, :userId, :resourceType, :amount, CAST(:metadata AS jsonb), :periodStart, :reservationId, :now)
			RETURNING id
			""";

	/** The counter row is locked by the update until commit, so concurrent records of it add up in turn. */
	private static final String ADD_TO_COUNTER = """
			INSERT INTO usage_counters (user_id, resource_type, period_start, period_end, used, updated_at)
			VALUES (:userId, :resourceType, :periodStart, :periodEnd, :amount, :now)
			ON CONFLICT (user_id, resource_type, period_start)
			DO UPDATE SET used = usage_counters.used + EXCLUDED.used, updated_at = EXCLUDED.updated_at
			RETURNING used
			""";

	private static final String CREATE_COUNTER_IF_ABSENT = """
			INSERT INTO usage_counters (user_id, resource_type, period_start, period_end, used, updated_at)
			VALUES (:userId, :resourceType, :periodStart, :periodEnd, 0, :now)
			ON CONFLICT (user_id, resource_type, period_start) DO NOTHING
			""";

	/** Serialises the reserves of one counter: each sees the holds of those before it. */
	private static final String LOCK_COUNTER = """
			SELECT used FROM usage_counters
			WHERE user_id = :userId AND resource_type = :resourceType AND period_start = :periodStart
			FOR UPDATE
			""";

	private static final String USED = """
			SELECT COALESCE(MAX(used), 0) FROM usage_counters
			WHERE user_id = :userId AND resource_type = :resourceType AND period_start = :periodStart
			""";

	/** Holds count until their expiry, whether or not the sweeper has marked them yet. */
	private static final String LIVE_HOLDS = """
			SELECT COALESCE(SUM(amount), 0) FROM usage_reservations
			WHERE user_id = :userId AND resource_type = :resourceType AND period_start = :periodStart
			  AND state = 'held' AND expires_at > :now
			""";

	private static final String RESERVATION_COLUMNS = """
			SELECT id, service, user_id, resource_type, amount, period_start, expires_at, state, request_hash,
			       reserve_result::text AS reserve_result, commit_result::text AS commit_result
			FROM usage_reservations
			""";

	private static final String FIND_RESERVATION_BY_KEY = RESERVATION_COLUMNS + """
			WHERE service = :service AND idempotency_key = :key
			""";

	/** By id and service together: another service's reservation is not found, so ids do not leak. */
	private static final String LOCK_RESERVATION = RESERVATION_COLUMNS + """
			WHERE id = :id AND service = :service
			FOR UPDATE
			""";

	private static final String INSERT_RESERVATION = """
			INSERT INTO usage_reservations (id, service, idempotency_key, request_hash, user_id, resource_type, amount,
			    period_start, created_at, expires_at, reserve_result)
			VALUES (:id, :service, :key, :hash, :userId, :resourceType, :amount, :periodStart, :now, :expiresAt,
			    CAST(:result AS jsonb))
			ON CONFLICT (service, idempotency_key) DO NOTHING
			""";

	private static final String COMMIT_RESERVATION = """
			UPDATE usage_reservations SET state = 'committed', ended_at = :now, commit_result = CAST(:result AS jsonb)
			WHERE id = :id AND state = 'held'
			""";

	private static final String END_RESERVATION = """
			UPDATE usage_reservations SET state = :state, ended_at = :now WHERE id = :id AND state = 'held'
			""";

	private static final String EXPIRE_DUE = """
			UPDATE usage_reservations SET state = 'expired', ended_at = :now
			WHERE id IN (
			    SELECT id FROM usage_reservations WHERE state = 'held' AND expires_at <= :now
			    ORDER BY expires_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			""";

	private static final String PRUNE_KEYS = """
			DELETE FROM usage_idempotency_keys WHERE (service, idempotency_key) IN (
			    SELECT service, idempotency_key FROM usage_idempotency_keys WHERE created_at < :cutoff
			    ORDER BY created_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			""";

	private static final String PRUNE_ENDED_RESERVATIONS = """
			DELETE FROM usage_reservations WHERE id IN (
			    SELECT id FROM usage_reservations WHERE ended_at < :cutoff
			    ORDER BY ended_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			""";

	private final JdbcClient jdbc;

	UsageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UserPlanRow> findUser(UUID id) {
		return this.jdbc.sql(FIND_USER).param("id", id).query((rs, n) -> {
			Timestamp trialEndsAt = rs.getTimestamp("trial_ends_at");
			return new UserPlanRow(rs.getString("subscription_tier"), (trialEndsAt != null) ? trialEndsAt.toInstant() : null);
		}).optional();
	}

	Map<UUID, UserPlanRow> findUsers(Collection<UUID> ids) {
		Map<UUID, UserPlanRow> users = new HashMap<>();
		this.jdbc.sql(FIND_USERS).param("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).query((rs) -> {
			Timestamp trialEndsAt = rs.getTimestamp("trial_ends_at");
			users.put(rs.getObject("id", UUID.class), new UserPlanRow(rs.getString("subscription_tier"),
					(trialEndsAt != null) ? trialEndsAt.toInstant() : null));
		});
		return users;
	}

	/** False when the service has used the key before (the first use has committed by then). */
	boolean insertKeyIfAbsent(String service, String key, byte[] hash, Instant now) {
		return this.jdbc.sql(INSERT_KEY_IF_ABSENT)
			.param("service", service)
			.param("key", key)
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	Optional<StoredKey> findKey(String service, String key) {
		return this.jdbc.sql(FIND_KEY)
			.param("service", service)
			.param("key", key)
			.query((rs, n) -> new StoredKey(rs.getBytes("request_hash"), rs.getString("result")))
			.optional();
	}

	void setKeyResult(String service, String key, long eventId, String result) {
		this.jdbc.sql(SET_KEY_RESULT)
			.param("service", service)
			.param("key", key)
			.param("eventId", eventId)
			.param("result", result)
			.update();
	}

	long insertEvent(String service, UsageEvent event, UsagePeriod period, UUID reservationId, Instant now) {
		return this.jdbc.sql(INSERT_EVENT)
			.param("service", service)
			.param("userId", event.userId())
			.param("resourceType", event.resourceType())
			.param("amount", event.amount())
			.param("metadata", event.metadata())
			.param("periodStart", Timestamp.from(period.start()))
			.param("reservationId", reservationId)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Adds to the period's counter, creating it; returns the new {@code used}. */
	long addToCounter(UUID userId, String resourceType, UsagePeriod period, long amount, Instant now) {
		return counter(ADD_TO_COUNTER, userId, resourceType, period).param("amount", amount)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** Creates the counter if missing and locks it until commit; returns its {@code used}. */
	long lockCounter(UUID userId, String resourceType, UsagePeriod period, Instant now) {
		counter(CREATE_COUNTER_IF_ABSENT, userId, resourceType, period).param("now", Timestamp.from(now)).update();
		return this.jdbc.sql(LOCK_COUNTER)
			.param("userId", userId)
			.param("resourceType", resourceType)
			.param("periodStart", Timestamp.from(period.start()))
			.query(Long.class)
			.single();
	}

	long used(UUID userId, String resourceType, UsagePeriod period) {
		return this.jdbc.sql(USED)
			.param("userId", userId)
			.param("resourceType", resourceType)
			.param("periodStart", Timestamp.from(period.start()))
			.query(Long.class)
			.single();
	}

	long liveHolds(UUID userId, String resourceType, UsagePeriod period, Instant now) {
		return this.jdbc.sql(LIVE_HOLDS)
			.param("userId", userId)
			.param("resourceType", resourceType)
			.param("periodStart", Timestamp.from(period.start()))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	Optional<ReservationRow> findReservationByKey(String service, String key) {
		return this.jdbc.sql(FIND_RESERVATION_BY_KEY)
			.param("service", service)
			.param("key", key)
			.query(UsageRepository::reservation)
			.optional();
	}

	Optional<ReservationRow> lockReservation(UUID id, String service) {
		return this.jdbc.sql(LOCK_RESERVATION)
			.param("id", id)
			.param("service", service)
			.query(UsageRepository::reservation)
			.optional();
	}

	/** False when the service used the key for another hold (committed by then). */
	boolean insertReservation(NewReservation hold, String result) {
		return this.jdbc.sql(INSERT_RESERVATION)
			.param("id", hold.id())
			.param("service", hold.service())
			.param("key", hold.idempotencyKey())
			.param("hash", hold.requestHash())
			.param("userId", hold.userId())
			.param("resourceType", hold.resourceType())
			.param("amount", hold.amount())
			.param("periodStart", Timestamp.from(hold.period().start()))
			.param("now", Timestamp.from(hold.createdAt()))
			.param("expiresAt", Timestamp.from(hold.expiresAt()))
			.param("result", result)
			.update() == 1;
	}

	void markCommitted(UUID id, String result, Instant now) {
		this.jdbc.sql(COMMIT_RESERVATION)
			.param("id", id)
			.param("result", result)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Ends a hold as {@code released} or {@code expired}; an ended one stays as it is. */
	void end(UUID id, String state, Instant now) {
		this.jdbc.sql(END_RESERVATION).param("id", id).param("state", state).param("now", Timestamp.from(now)).update();
	}

	int expireDue(Instant now, int limit) {
		return this.jdbc.sql(EXPIRE_DUE).param("now", Timestamp.from(now)).param("limit", limit).update();
	}

	int pruneKeys(Instant cutoff, int limit) {
		return this.jdbc.sql(PRUNE_KEYS).param("cutoff", Timestamp.from(cutoff)).param("limit", limit).update();
	}

	int pruneEndedReservations(Instant cutoff, int limit) {
		return this.jdbc.sql(PRUNE_ENDED_RESERVATIONS)
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.update();
	}

	private JdbcClient.StatementSpec counter(String sql, UUID userId, String resourceType, UsagePeriod period) {
		return this.jdbc.sql(sql)
			.param("userId", userId)
			.param("resourceType", resourceType)
			.param("periodStart", Timestamp.from(period.start()))
			.param("periodEnd", Timestamp.from(period.end()));
	}

	private static ReservationRow reservation(ResultSet rs, int rowNum) throws SQLException {
		return new ReservationRow(rs.getObject("id", UUID.class), rs.getString("service"),
				rs.getObject("user_id", UUID.class), rs.getString("resource_type"), rs.getLong("amount"),
				rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				rs.getString("state"), rs.getBytes("request_hash"), rs.getString("reserve_result"),
				rs.getString("commit_result"));
	}

	/** What the ledger needs of a user: the stored tier and the trial's end. */
	record UserPlanRow(String tier, Instant trialEndsAt) {
	}

	/** A stored idempotency key: the hash of its first request and that request's answer. */
	record StoredKey(byte[] requestHash, String result) {
	}

	/** A hold to insert. */
	record NewReservation(UUID id, String service, String idempotencyKey, byte[] requestHash, UUID userId,
			String resourceType, long amount, UsagePeriod period, Instant createdAt, Instant expiresAt) {
	}

	/** A row of {@code usage_reservations}. */
	record ReservationRow(UUID id, String service, UUID userId, String resourceType, long amount,
			Instant periodStart, Instant expiresAt, String state, byte[] requestHash, String reserveResult,
			String commitResult) {
	}

}
