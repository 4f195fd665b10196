/**
 * Per-user rate limits by effective tier: a token bucket per user whose capacity is the tier's
 * {@code requestsPerMinute} from auth-billing's plans ({@code GET /billing/plans}, refreshed; the
 * {@code GATEWAY_RATE_LIMIT_<TIER>} fallbacks only until the first load), kept in Redis so that every
 * gateway replica takes from the same bucket. When Redis fails or is slow, a circuit breaker sends
 * decisions to a bounded per-instance bucket with the same limits: limiting is never switched off.
 */
package com.saasgate.gateway.ratelimit;
