package com.saasgate.authbilling.tier;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's tier changed: the payload of {@code user_tier_changed} (API contract section 3), exactly
 * {@code {userId, newTier, oldTier, version, changedAt}}. {@code version} is the user's
 * {@code tier_version} after the change.
 */
public record TierChanged(UUID userId, String newTier, String oldTier, long version, Instant changedAt) {
}
