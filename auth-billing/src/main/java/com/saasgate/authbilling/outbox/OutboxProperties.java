package com.saasgate.authbilling.outbox;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The relay, retries and retention of the outbox. The lease rule: a claim's lease must be longer
 * than the longest batch, {@code batchSize × handlerTimeout}, so that a relay that is merely slow
 * never sees its rows claimed by another replica; the relay also stops a batch early when the
 * lease left is shorter than one more handler timeout, and releases the rest.
 *
 * @param batchSize {@code OUTBOX_BATCH_SIZE}, messages one relay pass claims, 1 to 1000; default 20
 * @param handlerTimeout {@code OUTBOX_HANDLER_TIMEOUT}, the longest one delivery may take (the mail
 * handler's SMTP time-outs fit in it); default 15 seconds
 * @param lease {@code OUTBOX_LEASE}, how long a claim hides its rows from other relays; longer than
 * {@code batchSize × handlerTimeout}; default 10 minutes
 * @param maxAttempts {@code OUTBOX_MAX_ATTEMPTS}, deliveries tried before a message is
 * dead-lettered, at least 1; default 10
 * @param maxBackoff {@code OUTBOX_MAX_BACKOFF}, the longest wait between two tries (2 s, 4 s, 8 s
 * ... up to it); default 1 hour
 * @param relayInterval {@code OUTBOX_RELAY_INTERVAL}, the pause between relay passes; default 1 second
 * @param retention {@code OUTBOX_RETENTION}, how long delivered messages are kept; default 7 days
 * @param pruneBatch {@code OUTBOX_PRUNE_BATCH}, delivered rows deleted per statement, 1 to 10000;
 * default 1000
 * @param pruneInterval {@code OUTBOX_PRUNE_INTERVAL}, the pause between two prunes; default 1 hour
 */
@ConfigurationProperties("outbox")
@Validated
record OutboxProperties(
		@DefaultValue("20") @Min(value = 1, message = "OUTBOX_BATCH_SIZE must be between 1 and 1000")
		@Max(value = 1000, message = "OUTBOX_BATCH_SIZE must be between 1 and 1000") int batchSize,
		@DefaultValue("15s") @NotNull(message = "OUTBOX_HANDLER_TIMEOUT must be set")
		@DurationMin(millis = 1, message = "OUTBOX_HANDLER_TIMEOUT must be positive") Duration handlerTimeout,
		@DefaultValue("10m") @NotNull(message = "OUTBOX_LEASE must be set")
		@DurationMin(millis = 1, message = "OUTBOX_LEASE must be positive") Duration lease,
		@DefaultValue("10") @Min(value = 1, message = "OUTBOX_MAX_ATTEMPTS must be at least 1") int maxAttempts,
		@DefaultValue("1h") @NotNull(message = "OUTBOX_MAX_BACKOFF must be set")
		@DurationMin(seconds = 1, message = "OUTBOX_MAX_BACKOFF must be at least 1s") Duration maxBackoff,
		@DefaultValue("1s") @NotNull(message = "OUTBOX_RELAY_INTERVAL must be set")
		@DurationMin(millis = 1, message = "OUTBOX_RELAY_INTERVAL must be positive") Duration relayInterval,
		@DefaultValue("7d") @NotNull(message = "OUTBOX_RETENTION must be set")
		@DurationMin(minutes = 1, message = "OUTBOX_RETENTION must be at least 1m") Duration retention,
		@DefaultValue("1000") @Min(value = 1, message = "OUTBOX_PRUNE_BATCH must be between 1 and 10000")
		@Max(value = 10000, message = "OUTBOX_PRUNE_BATCH must be between 1 and 10000") int pruneBatch,
		@DefaultValue("1h") @NotNull(message = "OUTBOX_PRUNE_INTERVAL must be set")
		@DurationMin(millis = 1, message = "OUTBOX_PRUNE_INTERVAL must be positive") Duration pruneInterval) {

	/** The longest a full batch may take: what the lease must exceed. */
	Duration worstBatch() {
		return this.handlerTimeout.multipliedBy(this.batchSize);
	}

	@AssertTrue(message = "OUTBOX_LEASE must be longer than OUTBOX_BATCH_SIZE × OUTBOX_HANDLER_TIMEOUT (the longest batch)")
	boolean isLeaseLongerThanWorstBatch() {
		if (this.lease == null || this.handlerTimeout == null || this.batchSize < 1) {
			return true;
		}
		return this.lease.compareTo(worstBatch()) > 0;
	}

}
