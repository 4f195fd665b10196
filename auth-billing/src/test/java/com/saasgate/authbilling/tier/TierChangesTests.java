package com.saasgate.authbilling.tier;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.saasgate.authbilling.support.RedisChannel;
import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import com.saasgate.security.contract.Channel;
import com.saasgate.security.contract.Tier;
import com.saasgate.security.contract.TierChangedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@TestPropertySource(properties = "outbox.max-backoff=1s")
class TierChangesTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	TierChanges changes;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@Test
	void changeWhenTierDiffersThenVersionGrowsByOneAndChangeIsRecorded() {
		UUID user = TierTestUsers.registered(this.api);

		TierChangeOutcome first = this.changes.change(user, Tier.BASIC, TierChangeSource.STRIPE_WEBHOOK, "checkout");
		TierChangeOutcome second = this.changes.change(user, Tier.PRO, TierChangeSource.OPERATOR, "upgrade");

		assertThat(first).isInstanceOfSatisfying(TierChangeOutcome.Changed.class, (changed) -> {
			assertThat(changed.event().version()).isEqualTo(1);
			assertThat(changed.event().oldTier()).isEqualTo("free_trial");
			assertThat(changed.event().newTier()).isEqualTo("basic");
		});
		assertThat(second).isInstanceOfSatisfying(TierChangeOutcome.Changed.class,
				(changed) -> assertThat(changed.event().version()).isEqualTo(2));
		assertThat(this.jdbc.queryForMap("SELECT subscription_tier, tier_version FROM users WHERE id = ?", user))
			.containsEntry("subscription_tier", "pro")
			.containsEntry("tier_version", 2L);
		assertThat(this.jdbc.queryForList(
				"SELECT old_tier, new_tier, version, source, reason FROM tier_changes WHERE user_id = ? ORDER BY version",
				user))
			.containsExactly(
					Map.of("old_tier", "free_trial", "new_tier", "basic", "version", 1L, "source", "stripe_webhook",
							"reason", "checkout"),
					Map.of("old_tier", "basic", "new_tier", "pro", "version", 2L, "source", "operator", "reason",
							"upgrade"));
		assertThat(outboxRows()).isEqualTo(2);
	}

	@Test
	void changeWhenTierUnchangedThenNoVersionBumpNoRecordAndNoEvent() {
		UUID user = TierTestUsers.registered(this.api);
		double before = changedCount("trial_expiry");

		TierChangeOutcome outcome = this.changes.change(user, Tier.FREE_TRIAL, TierChangeSource.TRIAL_EXPIRY, null);

		assertThat(outcome).isEqualTo(new TierChangeOutcome.Unchanged(Tier.FREE_TRIAL, 0));
		assertThat(this.jdbc.queryForObject("SELECT tier_version FROM users WHERE id = ?", Long.class, user)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class)).isZero();
		assertThat(outboxRows()).isZero();
		assertThat(changedCount("trial_expiry")).isEqualTo(before);
	}

	@Test
	void changeWhenUserUnknownThenUserNotFoundAndNothingWritten() {
		TierChangeOutcome outcome = this.changes.change(UUID.randomUUID(), Tier.PRO, TierChangeSource.OPERATOR, null);

		assertThat(outcome).isInstanceOf(TierChangeOutcome.UserNotFound.class);
		assertThat(outboxRows()).isZero();
	}

	@Test
	void changeWhenTrialWithoutEndThenRefusedAndNothingWritten() {
		UUID user = TierTestUsers.registered(this.api);
		this.changes.change(user, Tier.BASIC, TierChangeSource.STRIPE_WEBHOOK, null);
		this.jdbc.update("UPDATE users SET trial_ends_at = NULL WHERE id = ?", user);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.changes.change(user, Tier.FREE_TRIAL, TierChangeSource.OPERATOR, null));
		assertThat(this.jdbc.queryForObject("SELECT tier_version FROM users WHERE id = ?", Long.class, user))
			.isEqualTo(1);
	}

	@Test
	void changeWhenCommittedThenCountedBySource() {
		UUID user = TierTestUsers.registered(this.api);
		double before = changedCount("operator");

		this.changes.change(user, Tier.PRO, TierChangeSource.OPERATOR, null);

		assertThat(changedCount("operator")).isEqualTo(before + 1);
		assertThat(this.meters.find("user_tier_changed").tag("source", "stripe_webhook").counter()).isNotNull();
		assertThat(this.meters.find("user_tier_changed").tag("source", "trial_expiry").counter()).isNotNull();
	}

	@Test
	void changeWhenTransactionRolledBackThenNothingWrittenNorPublished() {
		UUID user = TierTestUsers.registered(this.api);
		double before = changedCount("stripe_webhook");
		try (RedisChannel channel = RedisChannel.subscribed(Channel.USER_TIER_CHANGED.name())) {
			this.transactions.executeWithoutResult((status) -> {
				this.changes.change(user, Tier.PRO, TierChangeSource.STRIPE_WEBHOOK, "rolled back");
				status.setRollbackOnly();
			});

			assertThat(outboxRows()).isZero();
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class)).isZero();
			assertThat(changedCount("stripe_webhook")).isEqualTo(before);
			// A committed change afterwards is the first and only message, with the first version.
			this.changes.change(user, Tier.BASIC, TierChangeSource.STRIPE_WEBHOOK, "committed");
			await().atMost(Duration.ofSeconds(20)).until(() -> !channel.messagesFor(user).isEmpty());
			assertThat(channel.messagesFor(user)).hasSize(1);
			JsonNode message = json.readTree(channel.messagesFor(user).get(0));
			assertThat(message.get("version").asLong()).isEqualTo(1);
			assertThat(message.get("newTier").asString()).isEqualTo("basic");
		}
	}

	@Test
	void changeWhenCommittedThenRedisMessageHasTheContractJson() {
		UUID user = TierTestUsers.registered(this.api);
		try (RedisChannel channel = RedisChannel.subscribed(Channel.USER_TIER_CHANGED.name())) {
			TierChangedMessage event = ((TierChangeOutcome.Changed) this.changes.change(user, Tier.PRO,
					TierChangeSource.OPERATOR, null))
				.event();

			await().atMost(Duration.ofSeconds(20)).until(() -> !channel.messagesFor(user).isEmpty());
			JsonNode message = json.readTree(channel.messagesFor(user).get(0));
			assertThat(message.propertyNames()).containsExactlyInAnyOrder("userId", "newTier", "oldTier", "version",
					"changedAt");
			assertThat(message.get("userId").asString()).isEqualTo(user.toString());
			assertThat(message.get("newTier").asString()).isEqualTo("pro");
			assertThat(message.get("oldTier").asString()).isEqualTo("free_trial");
			assertThat(message.get("version").isIntegralNumber()).isTrue();
			assertThat(message.get("version").asLong()).isEqualTo(1);
			assertThat(Instant.parse(message.get("changedAt").asString())).isEqualTo(event.changedAt());
		}
	}

	@Test
	void expireTrialsWhenBatchCommittedThenOneOutboxRowAndOneContractMessagePerUser() {
		UUID first = TierTestUsers.registered(this.api);
		UUID second = TierTestUsers.registered(this.api);
		for (UUID user : new UUID[] { first, second }) {
			this.jdbc.update("UPDATE users SET trial_ends_at = now() - interval '1 hour' WHERE id = ?", user);
		}
		try (RedisChannel channel = RedisChannel.subscribed(Channel.USER_TIER_CHANGED.name())) {
			this.transactions.executeWithoutResult((status) -> this.changes.expireTrials(10_000, Instant.now(), null));

			assertThat(this.jdbc.queryForObject("""
					SELECT count(*) FROM outbox
					WHERE topic = 'user_tier_changed'
					  AND payload -> 'batch' @> CAST(? AS jsonb) AND payload -> 'batch' @> CAST(? AS jsonb)
					""", Integer.class, "[{\"userId\":\"" + first + "\"}]", "[{\"userId\":\"" + second + "\"}]"))
				.isEqualTo(1);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> !channel.messagesFor(first).isEmpty() && !channel.messagesFor(second).isEmpty());
			for (UUID user : new UUID[] { first, second }) {
				assertThat(channel.messagesFor(user)).hasSize(1);
				JsonNode message = json.readTree(channel.messagesFor(user).get(0));
				assertThat(message.propertyNames()).containsExactlyInAnyOrder("userId", "newTier", "oldTier", "version",
						"changedAt");
				assertThat(message.get("newTier").asString()).isEqualTo("free_restricted");
				assertThat(message.get("oldTier").asString()).isEqualTo("free_trial");
				assertThat(message.get("version").asLong()).isEqualTo(1);
			}
		}
	}

	@Test
	void changeWhenRedisDownThenMessageArrivesOnceRedisIsBack() throws Exception {
		RedisServer redis = TestInfrastructure.embeddedRedis();
		assumeThat(redis).as("the outage test needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		UUID user = TierTestUsers.registered(this.api);
		RedisChannel channel = null;
		redis.suspend();
		try (Connection hold = this.dataSource.getConnection()) {
			this.changes.change(user, Tier.BASIC, TierChangeSource.STRIPE_WEBHOOK, null);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.jdbc.queryForObject(
						"SELECT coalesce(max(attempts), 0) FROM outbox WHERE topic = 'user_tier_changed' AND last_error IS NOT NULL",
						Integer.class)).isGreaterThanOrEqualTo(1));
			// Hold the message (the relay's claim skips a locked row) until the subscriber is back too.
			hold.setAutoCommit(false);
			hold.createStatement().executeQuery("SELECT id FROM outbox WHERE topic = 'user_tier_changed' FOR UPDATE").close();
			redis.resume();
			channel = RedisChannel.subscribed(Channel.USER_TIER_CHANGED.name());
			hold.commit();

			RedisChannel subscriber = channel;
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'user_tier_changed' AND delivered_at IS NOT NULL",
						Integer.class) == 1 && !subscriber.messagesFor(user).isEmpty());
			assertThat(channel.messagesFor(user)).hasSize(1);
			assertThat(json.readTree(channel.messagesFor(user).get(0)).get("userId").asString()).isEqualTo(user.toString());
		}
		finally {
			redis.resume();
			if (channel != null) {
				channel.close();
			}
		}
	}

	private int outboxRows() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'user_tier_changed'", Integer.class);
	}

	private double changedCount(String source) {
		return this.meters.get("user_tier_changed").tag("source", source).counter().count();
	}

}
