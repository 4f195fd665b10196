/**
 * A user's tier, read with the wire contract's rule for the tier a user actually gets
 * ({@link com.saasgate.security.contract.Tier#effective}: an expired trial is {@code free_restricted}
 * even before the expiry job has downgraded it), and the only writer of a user's tier:
 * {@link com.saasgate.authbilling.tier.TierChanges} bumps {@code tier_version}, records the change in
 * {@code tier_changes} and queues {@code user_tier_changed} (the contract's
 * {@code TierChangedMessage}), which this module's outbox handler publishes on the Redis channel of
 * that name after commit; {@code expireTrials} does the same set-based for a batch of ended trials.
 * {@code /internal/users/{id}/tier} serves the gateway's tier cache and operators.
 */
package com.saasgate.authbilling.tier;
