/**
 * Attempt counting for login brute-force protection and small per-key rate limits (such as
 * resend-verification). {@link com.saasgate.authbilling.limits.AttemptLimiter} keeps the counts in
 * Redis so that they hold across replicas, one Lua script per operation so that counting and locking
 * are atomic, under hashed key names so that no email or IP address is ever stored. Redis is a helper,
 * not a dependency (design decision 1): when it fails or its circuit breaker is open, the same
 * operation runs against an in-memory, per-instance limiter with the same rules, so an outage weakens
 * the limit to "per replica" but never removes it. Counts kept in memory during an outage are not
 * merged back when Redis returns.
 */
package com.saasgate.authbilling.limits;
