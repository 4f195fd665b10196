/**
 * The user-tier cache: each verified user's effective tier, forwarded upstream as
 * {@code X-User-Tier}. Entries are loaded from auth-billing's {@code GET /internal/users/{id}/tier}
 * (one shared load per user), live {@code GATEWAY_TIER_CACHE_TTL} (10 s), and are replaced or dropped
 * by the {@code user_tier_changed} messages of Redis by {@code version}, never going back to an older
 * one; the cache is flushed whenever its subscription (re)connects, since messages may have been
 * missed. Without Redis the TTL alone bounds staleness; without auth-billing there is no tier to
 * forward and the request is refused ({@code 503 upstream_unavailable}), never given a made-up tier.
 */
package com.saasgate.gateway.tiercache;
