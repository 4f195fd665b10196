package com.saasgate.authbilling.outbox;

import java.time.Duration;
import java.util.Map;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Queueing runs in the caller's transaction; only known topics are accepted and claimed. */
@IntegrationTest
class OutboxTests {

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxRepository repository;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	JsonMapper json;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void enqueueWhenNoTransactionThenRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.enqueue(Outbox.EMAIL, Map.of("to", "a@example.com")));
		assertThat(count()).isZero();
	}

	@Test
	void enqueueWhenCallerRollsBackThenNothingIsQueued() {
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.enqueue(Outbox.USER_TIER_CHANGED, Map.of("userId", "u1", "tier", "pro"));
			status.setRollbackOnly();
		});

		assertThat(count()).isZero();
	}

	@Test
	void enqueueWhenUnknownTopicThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.transactions
			.executeWithoutResult((status) -> this.outbox.enqueue("sms", Map.of("to", "+100"))));
		assertThat(count()).isZero();
	}

	@Test
	void relayWhenTopicHasNoHandlerThenRowStaysPendingAndUntried() {
		// A replica of a version that cannot deliver the tier broadcast yet (a rolling deploy): mail only.
		OutboxHandler mailOnly = new OutboxHandler() {
			@Override
			public String topic() {
				return Outbox.EMAIL;
			}

			@Override
			public void handle(JsonNode payload) {
			}
		};
		OutboxRelay relay = new OutboxRelay(this.repository, OutboxHandlers.of(mailOnly),
				OutboxRows.properties(20, Duration.ofSeconds(15), Duration.ofMinutes(10), 10), this.metrics, this.json,
				OutboxRows.clockAhead(), new JobOutages());
		new OutboxRows(this.jdbc).insertAhead(Outbox.USER_TIER_CHANGED, Map.of("userId", "u1", "tier", "pro"));

		assertThat(relay.runOnce().claimed()).isZero();
		assertThat(this.jdbc.queryForMap("SELECT attempts, claim_token, dead_lettered_at FROM outbox"))
			.containsEntry("attempts", 0)
			.containsEntry("claim_token", null)
			.containsEntry("dead_lettered_at", null);
	}

	@Test
	void backoffWhenAttemptsGrowThenDoublesUpToMaxBackoff() {
		OutboxRelay relay = new OutboxRelay(null, OutboxHandlers.of(), OutboxRows.properties(20, Duration.ofSeconds(15),
				Duration.ofMinutes(10), 10), null, null, null, null);

		assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(relay.backoff(3)).isEqualTo(Duration.ofSeconds(8));
		assertThat(relay.backoff(40)).isEqualTo(Duration.ofHours(1));
	}

	private int count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class);
	}

}
