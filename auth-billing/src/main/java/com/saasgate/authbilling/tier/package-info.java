/**
 * Subscription tiers, the rule for the tier a user actually gets (an expired trial is
 * {@code free_restricted} even before the expiry job has downgraded it), and the only writer of a
 * user's tier: {@link com.saasgate.authbilling.tier.TierChanges} bumps {@code tier_version}, records
 * the change in {@code tier_changes} and queues {@code user_tier_changed}, which this module's outbox
 * handler publishes on the Redis channel of that name after commit; {@code expireTrials} does the same
 * set-based for a batch of ended trials. {@code /internal/users/{id}/tier}
 * serves the gateway's tier cache and operators.
 */
package com.saasgate.authbilling.tier;
