package com.saasgate.authbilling.usage;

import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ledger's housekeeping, each statement a bounded batch so none holds many locks or a long
 * transaction. The sweep marks holds past their expiry {@code expired} (they stopped counting at their
 * expiry already; this only ends them); safe on every replica at once ({@code SKIP LOCKED}). The prune
 * deletes idempotency keys and ended holds older than {@code usage.idempotency-retention}, on one
 * replica at a time (ShedLock). Usage events and counters are the ledger and are never pruned.
 */
@Component
class UsageJobs {

	private static final Logger logger = LoggerFactory.getLogger(UsageJobs.class);

	private final UsageRepository repository;

	private final UsageProperties properties;

	private final Clock clock;

	UsageJobs(UsageRepository repository, UsageProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${usage.sweep-interval:10s}", initialDelayString = "${usage.sweep-interval:10s}")
	void scheduledSweep() {
		sweep();
	}

	@Scheduled(fixedDelayString = "${usage.prune-interval:1h}", initialDelayString = "${usage.prune-interval:1h}")
	@SchedulerLock(name = "usage-prune", lockAtMostFor = "30m")
	void scheduledPrune() {
		prune();
	}

	/** Marks expired holds, batch after batch until one comes back short; returns how many. */
	int sweep() {
		Instant now = this.clock.instant();
		int total = 0;
		int done;
		do {
			done = this.repository.expireDue(now, this.properties.sweepBatch());
			total += done;
		}
		while (done == this.properties.sweepBatch());
		return total;
	}

	/** Deletes keys and ended holds past the retention; returns how many rows. */
	int prune() {
		Instant cutoff = this.clock.instant().minus(this.properties.idempotencyRetention());
		int total = 0;
		int done;
		do {
			done = this.repository.pruneKeys(cutoff, this.properties.pruneBatch());
			total += done;
		}
		while (done == this.properties.pruneBatch());
		do {
			done = this.repository.pruneEndedReservations(cutoff, this.properties.pruneBatch());
			total += done;
		}
		while (done == this.properties.pruneBatch());
		if (total > 0) {
			logger.info("Usage: pruned {} idempotency keys and ended holds older than {}", total, cutoff);
		}
		return total;
	}

}
