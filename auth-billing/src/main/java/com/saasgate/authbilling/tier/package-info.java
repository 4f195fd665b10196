/**
 * Subscription tiers and the rule for the tier a user actually gets: an expired trial is
 * {@code free_restricted} even before the expiry job has downgraded it.
 */
package com.saasgate.authbilling.tier;
