package com.saasgate.authbilling.tier;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.RedisChannelPublisher;
import com.saasgate.security.contract.Tier;
import com.saasgate.security.contract.TierChangedMessage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only writer of a user's tier. A change bumps {@code users.tier_version}, is recorded in
 * {@code tier_changes} with its cause, and queues {@code user_tier_changed} in the outbox, all in one
 * transaction (the caller's, when there is one): a rolled-back change is never broadcast.
 */
@Service
public class TierChanges {

	private final TierRepository repository;

	private final Outbox outbox;

	private final TierMetrics metrics;

	private final Clock clock;

	TierChanges(TierRepository repository, Outbox outbox, TierMetrics metrics, Clock clock) {
		this.repository = repository;
		this.outbox = outbox;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Sets a user's tier. The same tier again changes nothing (no version bump, no event).
	 * @throws IllegalArgumentException when the new tier is {@code free_trial} and the user has no
	 * trial end (a trial must have one: {@code users_trial_has_end})
	 */
	@Transactional
	public TierChangeOutcome change(UUID userId, Tier newTier, TierChangeSource source, String reason) {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(newTier, "newTier");
		Objects.requireNonNull(source, "source");
		UserTier current = this.repository.lock(userId).orElse(null);
		if (current == null) {
			return new TierChangeOutcome.UserNotFound();
		}
		if (current.tier() == newTier) {
			return new TierChangeOutcome.Unchanged(newTier, current.version());
		}
		if (newTier == Tier.FREE_TRIAL && current.trialEndsAt() == null) {
			throw new IllegalArgumentException("A trial needs an end date; this user has none.");
		}
		// Microseconds: what timestamptz keeps, so the event and the row say the same instant.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		long version = this.repository.setTier(userId, newTier, now)
			.orElseThrow(() -> new IllegalStateException("The locked row changed under its lock"));
		TierChangedMessage event = TierChangedMessage.of(userId, newTier, current.tier(), version, now);
		this.repository.recordChange(event, source, reason);
		this.outbox.enqueue(Outbox.USER_TIER_CHANGED, event);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				TierChanges.this.metrics.changed(source);
			}
		});
		return new TierChangeOutcome.Changed(event);
	}

	/**
	 * Downgrades up to {@code limit} users whose trial ended at or before {@code now} to
	 * {@code free_restricted}, set-based: one {@code UPDATE ... RETURNING} over rows claimed with
	 * {@code FOR UPDATE SKIP LOCKED} (so replicas running at once never claim the same user) that
	 * also records the changes in {@code tier_changes} (source {@code trial_expiry}), and one outbox
	 * row for the whole batch ({@code user_tier_changed}, a {@link RedisChannelPublisher#batch} of the
	 * payloads {@link #change} queues one by one, published as one message per user). A user no longer on
	 * {@code free_trial} (who paid meanwhile) is never touched: the update's {@code WHERE} says so.
	 * Runs in the caller's transaction, which must exist: a batch is all or nothing.
	 * <p>A run passes each batch's {@link TrialExpiryBatch#last} as the next one's {@code after}, so a
	 * batch starts where the last ended instead of stepping again over the index entries of the rows
	 * already downgraded. A row another replica held (skipped) and then rolled back lies behind the
	 * position: the next run takes it, and until then its effective tier is already
	 * {@code free_restricted}.
	 * @param after where the previous batch of this run ended, {@code null} for the first
	 * @return the changes made and where they ended; no position when no trial is left to expire
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TrialExpiryBatch expireTrials(int limit, Instant now, TrialPosition after) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
		Objects.requireNonNull(now, "now");
		Instant changedAt = now.truncatedTo(ChronoUnit.MICROS);
		List<TierRepository.ClaimedTrial> claimed = this.repository.expireTrials(limit, changedAt, after,
				TierChangeSource.TRIAL_EXPIRY, "trial ended");
		if (claimed.isEmpty()) {
			return new TrialExpiryBatch(List.of(), null);
		}
		List<TrialExpiryBatch.Expired> expired = claimed.stream()
			.filter((trial) -> trial.version() != null)
			.map((trial) -> new TrialExpiryBatch.Expired(TierChangedMessage.of(trial.position().userId(),
					Tier.FREE_RESTRICTED, Tier.FREE_TRIAL, trial.version(), changedAt), trial.email(),
					trial.name(), trial.position().trialEndsAt()))
			.toList();
		// In trial-end order, as claimed: the last is where the next batch starts.
		TrialPosition last = claimed.get(claimed.size() - 1).position();
		if (expired.isEmpty()) {
			return new TrialExpiryBatch(expired, last);
		}
		List<TierChangedMessage> events = expired.stream().map(TrialExpiryBatch.Expired::change).toList();
		// One row for the batch, not one per user: a million expired trials are a thousand outbox rows to
		// write and relay, and the channel still carries one message per user.
		this.outbox.enqueueAll(Outbox.USER_TIER_CHANGED, List.of(RedisChannelPublisher.batch(events)));
		int count = events.size();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				TierChanges.this.metrics.changed(TierChangeSource.TRIAL_EXPIRY, count);
			}
		});
		return new TrialExpiryBatch(expired, last);
	}

}
