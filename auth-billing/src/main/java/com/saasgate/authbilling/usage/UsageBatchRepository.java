package com.saasgate.authbilling.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.saasgate.authbilling.usage.UsageRepository.StoredKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based statements of a batch: each writes or reads the rows of every event at once
 * ({@code unnest} of arrays), so a batch of 100 costs a handful of round trips, not hundreds. Arrays
 * go over as text and are cast in SQL. Rows are sent in the order the caller sorted them, which is the
 * order their locks are taken.
 */
@Repository
class UsageBatchRepository {

	private static final String CLAIM_KEYS = """
			INSERT INTO usage_idempotency_keys (service, idempotency_key, request_hash, created_at)
			SELECT :service, k.key, k.hash, :now
			FROM unnest(CAST(:keys AS text[]), CAST(:hashes AS bytea[])) AS k(key, hash)
			ON CONFLICT (service, idempotency_key) DO NOTHING
			RETURNING idempotency_key
			""";

	private static final String FIND_KEYS = """
			SELECT idempotency_key, request_hash, result::text AS result FROM usage_idempotency_keys
			WHERE service = :service AND idempotency_key = ANY(CAST(:keys AS text[]))
			""";

	private static final String ADD_TO_COUNTERS = """
			INSERT INTO usage_counters (user_id, resource_type, period_start, period_end, used, updated_at)
			SELECT CAST(c.user_id AS uuid), c.resource_type, CAST(c.period_start AS timestamptz),
			       CAST(c.period_end AS timestamptz), c.amount, :now
			FROM unnest(CAST(:userIds AS text[]), CAST(:types AS text[]), CAST(:starts AS text[]), CAST(:ends AS text[]),
			            CAST(:amounts AS bigint[])) AS c(user_id, resource_type, period_start, period_end, amount)
			ON CONFLICT (user_id, resource_type, period_start)
			DO UPDATE SET used = usage_counters.used + EXCLUDED.used, updated_at = EXCLUDED.updated_at
			RETURNING user_id::text || '/' || resource_type AS counter, used
			""";

	/** Read after the counters' row locks are held: no hold of these counters can appear meanwhile. */
	private static final String LIVE_HOLDS = """
			SELECT r.user_id::text || '/' || r.resource_type AS counter, SUM(r.amount) AS held
			FROM usage_reservations r
			JOIN unnest(CAST(:userIds AS text[]), CAST(:types AS text[]), CAST(:starts AS text[])) AS c(user_id, resource_type, period_start)
			  ON r.user_id = CAST(c.user_id AS uuid) AND r.resource_type = c.resource_type
			 AND r.period_start = CAST(c.period_start AS timestamptz)
			WHERE r.state = 'held' AND r.expires_at > :now
			GROUP BY r.user_id, r.resource_type
			""";

	private static final String INSERT_EVENTS = """
			INSERT INTO usage_events (service, user_id, resource_type, amount, metadata, period_start, recorded_at)
			SELECT :service, CAST(e.user_id AS uuid), e.resource_type, e.amount, CAST(e.metadata AS jsonb),
			       CAST(e.period_start AS timestamptz), :now
			FROM unnest(CAST(:userIds AS text[]), CAST(:types AS text[]), CAST(:amounts AS bigint[]),
			            CAST(:metadata AS text[]), CAST(:starts AS text[]))
			     WITH ORDINALITY AS e(user_id, resource_type, amount, metadata, period_start, ord)
			ORDER BY e.ord
			RETURNING id
			""";

	private static final String SET_KEY_RESULTS = """
			UPDATE usage_idempotency_keys k SET result = CAST(v.result AS jsonb), event_id = v.event_id
			FROM unnest(CAST(:keys AS text[]), CAST(:results AS text[]), CAST(:eventIds AS bigint[])) AS v(key, result, event_id)
			WHERE k.service = :service AND k.idempotency_key = v.key
			""";

	private final JdbcClient jdbc;

	UsageBatchRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The keys claimed now; the others were used before (and their first use has committed). */
	Set<String> claimKeys(String service, List<String> keys, List<byte[]> hashes, Instant now) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql(CLAIM_KEYS)
			.param("service", service)
			.param("keys", keys.toArray(String[]::new))
			.param("hashes", hashes.toArray(byte[][]::new))
			.param("now", Timestamp.from(now))
			.query(String.class)
			.list());
	}

	Map<String, StoredKey> findKeys(String service, List<String> keys) {
		Map<String, StoredKey> found = new HashMap<>();
		if (!keys.isEmpty()) {
			this.jdbc.sql(FIND_KEYS).param("service", service).param("keys", keys.toArray(String[]::new)).query((rs) -> {
				found.put(rs.getString("idempotency_key"), new StoredKey(rs.getBytes("request_hash"), rs.getString("result")));
			});
		}
		return found;
	}

	/** Adds each counter's total; returns the new {@code used} by {@code userId/resourceType}. */
	Map<String, Long> addToCounters(List<CounterTotal> counters, Instant now) {
		Map<String, Long> used = new HashMap<>();
		this.jdbc.sql(ADD_TO_COUNTERS)
			.param("userIds", counters.stream().map((c) -> c.userId().toString()).toArray(String[]::new))
			.param("types", counters.stream().map(CounterTotal::resourceType).toArray(String[]::new))
			.param("starts", counters.stream().map((c) -> c.period().start().toString()).toArray(String[]::new))
			.param("ends", counters.stream().map((c) -> c.period().end().toString()).toArray(String[]::new))
			.param("amounts", counters.stream().mapToLong(CounterTotal::amount).boxed().toArray(Long[]::new))
			.param("now", Timestamp.from(now))
			.query((rs) -> {
				used.put(rs.getString("counter"), rs.getLong("used"));
			});
		return used;
	}

	/** Live holds by {@code userId/resourceType}; counters without any are missing. */
	Map<String, Long> liveHolds(List<CounterTotal> counters, Instant now) {
		Map<String, Long> held = new HashMap<>();
		this.jdbc.sql(LIVE_HOLDS)
			.param("userIds", counters.stream().map((c) -> c.userId().toString()).toArray(String[]::new))
			.param("types", counters.stream().map(CounterTotal::resourceType).toArray(String[]::new))
			.param("starts", counters.stream().map((c) -> c.period().start().toString()).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.query((rs) -> {
				held.put(rs.getString("counter"), rs.getLong("held"));
			});
		return held;
	}

	/** Inserts the events in list order; returns their ids in the same order. */
	List<Long> insertEvents(String service, List<UsageEvent> events, List<UsagePeriod> periods, Instant now) {
		List<String> starts = new ArrayList<>();
		periods.forEach((period) -> starts.add(period.start().toString()));
		return this.jdbc.sql(INSERT_EVENTS)
			.param("service", service)
			.param("userIds", events.stream().map((e) -> e.userId().toString()).toArray(String[]::new))
			.param("types", events.stream().map(UsageEvent::resourceType).toArray(String[]::new))
			.param("amounts", events.stream().mapToLong(UsageEvent::amount).boxed().toArray(Long[]::new))
			.param("metadata", events.stream().map(UsageEvent::metadata).toArray(String[]::new))
			.param("starts", starts.toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.list();
	}

	void setKeyResults(String service, List<String> keys, List<String> results, List<Long> eventIds) {
		if (keys.isEmpty()) {
			return;
		}
		this.jdbc.sql(SET_KEY_RESULTS)
			.param("service", service)
			.param("keys", keys.toArray(String[]::new))
			.param("results", results.toArray(String[]::new))
			.param("eventIds", eventIds.toArray(Long[]::new))
			.update();
	}

	/** The sum of a batch's new events of one counter. */
	record CounterTotal(java.util.UUID userId, String resourceType, UsagePeriod period, long amount) {

		String key() {
			return this.userId + "/" + this.resourceType;
		}

	}

}
