package com.saasgate.authbilling.usage;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.saasgate.authbilling.support.RedisChannel;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.security.contract.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Periods and tiers as the ledger applies them, the quota broadcast, and the retention of keys. */
@IntegrationTest
class UsageQuotaTests {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UsageJobs jobs;

	UsageFixtures usage;

	@BeforeEach
	void fixtures() {
		this.usage = new UsageFixtures(this.api, this.jdbc);
	}

	@Test
	void recordWhenPaidSubscriptionThenCountsInItsBillingPeriodWithItsTiersQuota() {
		UUID user = this.usage.user("basic", null);
		Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(30, ChronoUnit.DAYS);
		subscription(user, "active", start, end);

		Api.Response recorded = this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 10), null);

		assertThat(recorded.json().get("limit").asLong()).isEqualTo(2000000);
		assertThat(Instant.parse(recorded.json().get("periodEnd").asString())).isEqualTo(end);
		assertThat(this.jdbc.queryForObject("SELECT period_start FROM usage_counters WHERE user_id = ?",
				Timestamp.class, user).toInstant()).isEqualTo(start);
	}

	@Test
	void batchWhenPaidSubscriptionAndQuotaRunsOutThenItsPeriodAndOneBroadcastPerCounter() {
		UUID paid = this.usage.user("basic", null);
		UUID free = this.usage.user("free_restricted", null);
		Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		subscription(paid, "active", start, start.plus(30, ChronoUnit.DAYS));

		Api.Response response = this.api.post("/usage/record/batch", java.util.Map.of("events", java.util.List.of(
				UsageFixtures.event(paid, "llm_tokens", 5), UsageFixtures.event(free, "agent_minutes", 6),
				UsageFixtures.event(free, "agent_minutes", 6), UsageFixtures.event(free, "agent_minutes", 1))),
				com.saasgate.authbilling.support.TestServiceTokens.header("intelligence"));

		JsonNode results = response.json().get("results");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(results.get(0).get("limit").asLong()).isEqualTo(2000000);
		assertThat(Instant.parse(results.get(0).get("periodEnd").asString())).isEqualTo(start.plus(30, ChronoUnit.DAYS));
		assertThat(results.get(1).get("remaining").asLong()).isEqualTo(4);
		assertThat(results.get(2).get("remaining").asLong()).isZero();
		assertThat(results.get(3).get("used").asLong()).isEqualTo(13);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'user_quota_exhausted'",
				Long.class)).isEqualTo(1);
		assertThat(this.usage.countersOutOfStep()).isZero();
	}

	@Test
	void quotaWhenLastPeriodsUsageThenNotCountedInThisOne() {
		UUID user = this.usage.user("free_restricted", null);
		this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 10), null);
		// As if it had been recorded last month: the counter of this month's start is another row.
		Instant lastMonth = UsagePeriod.calendarMonth(Instant.now()).start().minus(Duration.ofDays(1));
		UsagePeriod previous = UsagePeriod.calendarMonth(lastMonth);
		this.jdbc.update("UPDATE usage_counters SET period_start = ?, period_end = ? WHERE user_id = ?",
				Timestamp.from(previous.start()), Timestamp.from(previous.end()), user);
		this.jdbc.update("UPDATE usage_events SET period_start = ? WHERE user_id = ?", Timestamp.from(previous.start()),
				user);

		JsonNode quota = this.usage.quota("intelligence", user, "agent_minutes").json();

		assertThat(quota.get("used").asLong()).isZero();
		assertThat(quota.get("allowed").asBoolean()).isTrue();
		assertThat(this.usage.countersOutOfStep()).isZero();
	}

	@Test
	void recordWhenTrialExpiredThenFreeRestrictedQuota() {
		UUID user = this.usage.user("free_trial", Instant.now().minus(1, ChronoUnit.MINUTES));

		Api.Response recorded = this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 4), null);

		assertThat(recorded.json().get("limit").asLong()).isEqualTo(10);
		assertThat(recorded.json().get("remaining").asLong()).isEqualTo(6);
	}

	@Test
	void recordWhenQuotaRunsOutThenUserQuotaExhaustedPublishedOnce() {
		UUID user = this.usage.user("free_restricted", null);
		try (RedisChannel channel = RedisChannel.subscribed(Channel.USER_QUOTA_EXHAUSTED.name())) {
			this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 6), null);
			this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 4), null);
			this.usage.record("intelligence", UsageFixtures.event(user, "agent_minutes", 4), null);

			await().atMost(Duration.ofSeconds(20)).until(() -> !channel.messagesFor(user).isEmpty());
			JsonNode message = JsonMapper.builder().build().readTree(channel.messagesFor(user).get(0));
			assertThat(message.get("userId").asString()).isEqualTo(user.toString());
			assertThat(message.get("resourceType").asString()).isEqualTo("agent_minutes");
			assertThat(Instant.parse(message.get("periodEnd").asString()))
				.isEqualTo(UsagePeriod.calendarMonth(Instant.now()).end());
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE topic = 'user_quota_exhausted' AND payload->>'userId' = ?",
				Long.class, user.toString())).isEqualTo(1);
	}

	@Test
	void commitWhenItUsesUpTheQuotaThenUserQuotaExhaustedQueued() {
		UUID user = this.usage.user("free_restricted", null);
		String id = this.usage.reserve("intelligence", user, "memory_storage", 4).json().get("reservationId").asString();

		this.usage.commit("intelligence", id, 10);

		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE topic = 'user_quota_exhausted' AND payload->>'userId' = ?",
				Long.class, user.toString())).isEqualTo(1);
	}

	@Test
	void pruneWhenKeysOlderThanRetentionThenDeletedAndEventsKept() {
		UUID user = this.usage.trialUser();
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 3), "old-key");
		this.usage.record("intelligence", UsageFixtures.event(user, "llm_tokens", 3), "new-key");
		String id = this.usage.reserve("intelligence", user, "llm_tokens", 5).json().get("reservationId").asString();
		this.usage.release("intelligence", id);
		this.jdbc.update("UPDATE usage_idempotency_keys SET created_at = now() - interval '46 days'"
				+ " WHERE idempotency_key = 'old-key'");
		this.jdbc.update("UPDATE usage_reservations SET ended_at = now() - interval '46 days',"
				+ " created_at = now() - interval '47 days', expires_at = now() - interval '46 days'");

		assertThat(this.jobs.prune()).isGreaterThanOrEqualTo(2);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_idempotency_keys WHERE idempotency_key = 'old-key'",
				Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_idempotency_keys WHERE idempotency_key = 'new-key'",
				Long.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM usage_reservations WHERE id = ?::uuid", Long.class,
				id)).isZero();
		assertThat(this.usage.events(user)).isEqualTo(2);
		assertThat(this.usage.used(user, "llm_tokens")).isEqualTo(6);
	}

	@Test
	void scheduledPruneWhenRunThenHoldsTheClusterLock() {
		this.jobs.scheduledPrune();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM shedlock WHERE name = 'usage-prune'", Long.class))
			.isEqualTo(1);
	}

	private void subscription(UUID user, String status, Instant start, Instant end) {
		this.jdbc.update("""
				INSERT INTO subscriptions (id, user_id, customer_id, status, price_id, tier, current_period_start,
				    current_period_end, stripe_created_at, last_event_at)
				VALUES (?, ?, 'cus_test', ?, 'price_test_basic', 'basic', ?, ?, ?, ?)
				""", "sub_" + UUID.randomUUID().toString().replace("-", ""), user, status, Timestamp.from(start),
				Timestamp.from(end), Timestamp.from(start), Timestamp.from(start));
	}

}
