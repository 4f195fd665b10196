package com.saasgate.authbilling.tier;

import java.time.Instant;
import java.util.UUID;

import com.saasgate.security.contract.Tier;

/** A user's stored tier, its trial end and its {@code tier_version}. */
record UserTier(UUID userId, Tier tier, Instant trialEndsAt, long version) {
}
