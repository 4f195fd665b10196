package com.saasgate.security.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code user_tier_changed} message ({@link Channel#USER_TIER_CHANGED}), exactly
 * {@code {userId, newTier, oldTier, version, changedAt}}: whatever the cause (webhook, trial expiry,
 * operator), the user's tier is now {@code newTier}. {@code version} is the user's
 * {@code tier_version} after the change and grows with every change, so a consumer ignores anything
 * no newer than what it holds. Tiers are names ({@link Tier#value()}): a reader may meet one it does
 * not know yet.
 *
 * @param userId never null
 * @param newTier the tier now
 * @param oldTier the tier before
 * @param version the user's {@code tier_version} after the change
 * @param changedAt when the change was committed
 */
public record TierChangedMessage(UUID userId, String newTier, String oldTier, long version, Instant changedAt) {

	public TierChangedMessage {
		Objects.requireNonNull(userId, "userId must not be null");
	}

	/** A change from {@code oldTier} to {@code newTier}. */
	public static TierChangedMessage of(UUID userId, Tier newTier, Tier oldTier, long version, Instant changedAt) {
		return new TierChangedMessage(userId, newTier.value(), oldTier.value(), version, changedAt);
	}

}
