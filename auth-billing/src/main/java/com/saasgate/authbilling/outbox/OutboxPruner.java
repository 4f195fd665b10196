package com.saasgate.authbilling.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes delivered messages older than {@code outbox.retention}, in statements of at most
 * {@code outbox.prune-batch} rows, so no prune holds many locks or a long transaction. Pending
 * messages and dead letters are never pruned. Safe on every replica at once ({@code SKIP LOCKED}).
 */
@Component
class OutboxPruner {

	private static final Logger logger = LoggerFactory.getLogger(OutboxPruner.class);

	private static final String DELETE_DELIVERED_BEFORE = """
			DELETE FROM outbox WHERE id IN (
			    SELECT id FROM outbox WHERE delivered_at < :cutoff
			    ORDER BY delivered_at
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			""";

	private final JdbcClient jdbc;

	private final OutboxProperties properties;

	private final Clock clock;

	OutboxPruner(JdbcClient jdbc, OutboxProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${outbox.prune-interval:1h}", initialDelayString = "${outbox.prune-interval:1h}")
	void scheduledPrune() {
		prune();
	}

	/** Deletes batch after batch until one comes back short; returns the rows deleted. */
	int prune() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(DELETE_DELIVERED_BEFORE)
				.param("cutoff", Timestamp.from(cutoff))
				.param("limit", this.properties.pruneBatch())
				.update();
			total += deleted;
		}
		while (deleted == this.properties.pruneBatch());
		if (total > 0) {
			logger.info("Outbox: pruned {} messages delivered before {}", total, cutoff);
		}
		return total;
	}

}
