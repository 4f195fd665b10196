package com.saasgate.authbilling.usage;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The usage ledger's bounds and jobs.
 *
 * @param maxBatchSize {@code USAGE_MAX_BATCH_SIZE}, events in one {@code /usage/record/batch}; default
 * 1000 (more is a 400)
 * @param maxMetadataBytes {@code USAGE_MAX_METADATA_BYTES}, the size of an event's {@code metadata}
 * object as compact JSON (UTF-8); default 4096
 * @param defaultReservationTtl {@code USAGE_RESERVATION_TTL}, how long a hold lives when the reserve
 * names no {@code ttlSeconds}; default 300 s
 * @param maxReservationTtl {@code USAGE_MAX_RESERVATION_TTL}, the longest hold; default 3600 s
 * @param idempotencyRetention {@code USAGE_IDEMPOTENCY_RETENTION}, how long an idempotency key is
 * remembered (and a retry with it answered as a duplicate); default 45 days, longer than any usage
 * period, and at least 32 days
 * @param sweepInterval {@code USAGE_SWEEP_INTERVAL}, how often expired holds are marked expired (they
 * stop counting at their expiry whatever this is); default 10 s
 * @param sweepBatch {@code USAGE_SWEEP_BATCH}, holds marked per statement; default 1000
 * @param pruneInterval {@code USAGE_PRUNE_INTERVAL}, how often old keys and ended holds are pruned;
 * default 1 h
 * @param pruneBatch {@code USAGE_PRUNE_BATCH}, rows deleted per statement; default 1000
 */
@ConfigurationProperties("usage")
@Validated
record UsageProperties(@DefaultValue("1000") @Min(1) @Max(10000) int maxBatchSize,
		@DefaultValue("4096") @Min(2) @Max(65536) int maxMetadataBytes,
		@DefaultValue("300s") @NotNull Duration defaultReservationTtl,
		@DefaultValue("3600s") @NotNull Duration maxReservationTtl,
		@DefaultValue("45d") @NotNull Duration idempotencyRetention,
		@DefaultValue("10s") @NotNull Duration sweepInterval, @DefaultValue("1000") @Min(1) int sweepBatch,
		@DefaultValue("1h") @NotNull Duration pruneInterval, @DefaultValue("1000") @Min(1) int pruneBatch) {

	@AssertTrue(message = "USAGE_RESERVATION_TTL must be at least 1 s and at most USAGE_MAX_RESERVATION_TTL (at most 3600 s)")
	boolean isReservationTtlsInRange() {
		return this.defaultReservationTtl == null || this.maxReservationTtl == null
				|| (this.defaultReservationTtl.toSeconds() >= 1
						&& this.defaultReservationTtl.compareTo(this.maxReservationTtl) <= 0
						&& this.maxReservationTtl.compareTo(Duration.ofHours(1)) <= 0);
	}

	@AssertTrue(message = "USAGE_IDEMPOTENCY_RETENTION must be at least 32 days: keys must outlive a usage period")
	boolean isRetentionLongEnough() {
		return this.idempotencyRetention == null || this.idempotencyRetention.compareTo(Duration.ofDays(32)) >= 0;
	}

}
