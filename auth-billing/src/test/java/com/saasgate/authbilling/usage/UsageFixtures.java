package com.saasgate.authbilling.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.TestServiceTokens;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Users straight into {@code users} (no login needed: the ledger is called by services), calls of the
 * usage endpoints as a service, and the ledger's rows.
 */
final class UsageFixtures {

	private final Api api;

	private final JdbcTemplate jdbc;

	UsageFixtures(Api api, JdbcTemplate jdbc) {
		this.api = api;
		this.jdbc = jdbc;
	}

	/** A user on a trial that ends in a week. */
	UUID trialUser() {
		return user("free_trial", Instant.now().plus(7, ChronoUnit.DAYS));
	}

	UUID user(String tier, Instant trialEndsAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO users (id, email, password_hash, subscription_tier, trial_ends_at, email_verified_at)
				VALUES (?, ?, 'not-a-hash', ?, ?, now())
				""", id, "usage-" + id + "@example.com", tier, (trialEndsAt != null) ? Timestamp.from(trialEndsAt) : null);
		return id;
	}

	static Map<String, Object> event(UUID userId, String resourceType, Object amount) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", userId.toString());
		body.put("resourceType", resourceType);
		body.put("amount", amount);
		return body;
	}

	Api.Response record(String service, Object body, String idempotencyKey) {
		String[] token = TestServiceTokens.header(service);
		return (idempotencyKey != null)
				? this.api.post("/usage/record", body, token[0], token[1], "Idempotency-Key", idempotencyKey)
				: this.api.post("/usage/record", body, token);
	}

	Api.Response recordRaw(String json) {
		return this.api.postRaw("/usage/record", json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				TestServiceTokens.header("intelligence"));
	}

	Api.Response quota(String service, UUID userId, String resourceType) {
		return this.api.get("/usage/quota?userId=" + userId + "&resourceType=" + resourceType,
				TestServiceTokens.header(service));
	}

	Api.Response reserve(String service, UUID userId, String resourceType, long amount, String... extra) {
		Map<String, Object> body = event(userId, resourceType, amount);
		for (int i = 0; i < extra.length; i += 2) {
			body.put(extra[i], Long.parseLong(extra[i + 1]));
		}
		return this.api.post("/usage/reserve", body, TestServiceTokens.header(service));
	}

	Api.Response commit(String service, Object reservationId, Object amount) {
		return this.api.post("/usage/reservations/" + reservationId + "/commit", Map.of("amount", amount),
				TestServiceTokens.header(service));
	}

	Api.Response release(String service, Object reservationId) {
		return this.api.post("/usage/reservations/" + reservationId + "/release", Map.of(),
				TestServiceTokens.header(service));
	}

	long events(UUID userId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM usage_events WHERE user_id = ?", Long.class, userId);
	}

	long used(UUID userId, String resourceType) {
		return this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(used), 0) FROM usage_counters WHERE user_id = ? AND resource_type = ?", Long.class,
				userId, resourceType);
	}

	/** Counters whose {@code used} is not the sum of their events: none, ever. */
	long countersOutOfStep() {
		return this.jdbc.queryForObject("""
				SELECT count(*) FROM usage_counters c
				WHERE c.used <> (SELECT COALESCE(SUM(e.amount), 0) FROM usage_events e
				                 WHERE e.user_id = c.user_id AND e.resource_type = c.resource_type
				                   AND e.period_start = c.period_start)
				""", Long.class);
	}

}
