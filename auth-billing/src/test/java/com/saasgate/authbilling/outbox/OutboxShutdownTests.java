package com.saasgate.authbilling.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** At shutdown the relay finishes the message in hand and hands the rest of its claim back at once. */
@IntegrationTest
class OutboxShutdownTests {

	@Autowired
	OutboxRepository repository;

	@Autowired
	OutboxMetrics metrics;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcTemplate jdbc;

	OutboxRows rows;

	@BeforeEach
	void rows() {
		this.rows = new OutboxRows(this.jdbc);
	}

	@Test
	void relayWhenShutdownBeginsDuringABatchThenFinishesTheMessageInHandAndReleasesTheRestForAnotherRelay()
			throws Exception {
		List<Long> ids = List.of(this.rows.mailAhead("a@example.com"), this.rows.mailAhead("b@example.com"),
				this.rows.mailAhead("c@example.com"), this.rows.mailAhead("d@example.com"));
		OutboxProperties properties = OutboxRows.properties(4, Duration.ofSeconds(15), Duration.ofMinutes(10), 10);
		List<String> handled = new CopyOnWriteArrayList<>();
		AtomicReference<OutboxRelay> dying = new AtomicReference<>();
		dying.set(relay(properties, OutboxClaimTests.handler((payload) -> {
			handled.add(payload.path("to").asString());
			dying.get().stopTaking();
		})));

		dying.get().relay();

		assertThat(handled).containsExactly("a@example.com");
		assertThat(this.rows.count("delivered_at IS NOT NULL")).isEqualTo(1);
		assertThat(this.rows.count("claim_token IS NULL AND attempts = 0 AND delivered_at IS NULL"))
			.as("released untried, not left claimed until the lease ends").isEqualTo(3);
		assertThat(dying.get().awaitDrained(Instant.now().plusSeconds(1))).isEqualTo(
				"outbox relay idle, 3 claimed messages released untried");
		assertThat(dying.get().runOnce()).as("no claim after shutdown began").isEqualTo(OutboxRelay.Pass.EMPTY);
		OutboxRelay other = relay(properties, OutboxClaimTests.handler((payload) -> {
		}));
		assertThat(other.runOnce().delivered()).isEqualTo(3);
		assertThat(ids).allSatisfy((id) -> assertThat(this.rows.row(id).get("delivered_at")).isNotNull());
	}

	private OutboxRelay relay(OutboxProperties properties, OutboxHandler handler) {
		return new OutboxRelay(this.repository, OutboxHandlers.of(handler), properties, this.metrics, this.json,
				OutboxRows.clockAhead(), new JobOutages());
	}

}
