package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.time.Duration;

import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivered messages go after the retention; pending messages and dead letters stay. */
@IntegrationTest
class OutboxPrunerTests {

	@Autowired
	OutboxPruner pruner;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	JdbcTemplate jdbc;

	OutboxRows rows;

	@BeforeEach
	void rows() {
		this.rows = new OutboxRows(this.jdbc);
	}

	@Test
	void pruneWhenDeliveredBeforeRetentionThenDeletedAndPendingAndDeadLettersKept() {
		long oldDelivered = delivered(Duration.ofDays(8));
		long recentDelivered = delivered(Duration.ofDays(6));
		long oldPending = this.rows.mailAhead("pending@example.com");
		this.jdbc.update("UPDATE outbox SET created_at = now() - interval '30 days' WHERE id = ?", oldPending);
		long oldDeadLetter = this.rows.mailAhead("dead@example.com");
		this.jdbc.update("""
				UPDATE outbox SET created_at = now() - interval '30 days', dead_lettered_at = now() - interval '20 days',
				    last_error = 'refused' WHERE id = ?
				""", oldDeadLetter);

		int pruned = this.pruner.prune();

		assertThat(pruned).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT id FROM outbox ORDER BY id", Long.class))
			.containsExactly(recentDelivered, oldPending, oldDeadLetter)
			.doesNotContain(oldDelivered);
	}

	@Test
	void pruneWhenMoreRowsThanOneBatchThenDeletesThemAllInBatches() {
		for (int i = 0; i < 7; i++) {
			delivered(Duration.ofDays(10));
		}
		long kept = delivered(Duration.ofHours(1));
		OutboxProperties properties = new OutboxProperties(20, Duration.ofSeconds(15), Duration.ofMinutes(10), 10,
				Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(7), 3, Duration.ofHours(1));

		int pruned = new OutboxPruner(this.jdbcClient, properties, Clock.systemUTC()).prune();

		assertThat(pruned).isEqualTo(7);
		assertThat(this.jdbc.queryForList("SELECT id FROM outbox", Long.class)).containsExactly(kept);
	}

	private long delivered(Duration ago) {
		long id = this.rows.mailAhead("delivered@example.com");
		this.jdbc.update("UPDATE outbox SET created_at = now() - ?::interval, delivered_at = now() - ?::interval WHERE id = ?",
				ago.plusMinutes(1).toSeconds() + " seconds", ago.toSeconds() + " seconds", id);
		return id;
	}

}
