package com.saasgate.authbilling.outbox;

import java.util.Map;
import java.util.UUID;

import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code OUTBOX_RELAY_ENABLED=false}: the instance queues, and leaves delivery to other replicas. */
@IntegrationTest
@TestPropertySource(properties = "outbox.relay-enabled=false")
class OutboxRelayDisabledTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void relayWhenDisabledThenNoRelayRunsAndMessagesAreStillQueued() {
		assertThat(this.context.getBeanProvider(OutboxRelay.class).getIfAvailable()).isNull();
		String marker = UUID.randomUUID().toString();

		this.transactions.executeWithoutResult(
				(status) -> this.outbox.enqueue(Outbox.EMAIL, Map.of("to", "queued@example.com", "subject", "Queued", "text", marker)));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE payload ->> 'text' = ?",
				Integer.class, marker)).isEqualTo(1);
	}

}
