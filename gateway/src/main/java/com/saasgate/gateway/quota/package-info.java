/**
 * The monthly quota of metered routes ({@code UPSTREAM_<NAME>_METERED_RESOURCE}): before forwarding,
 * auth-billing's {@code GET /usage/quota} answer for (user, resource), cached a few seconds and dropped
 * on {@code user_tier_changed} and {@code user_quota_exhausted}; {@code 429 quota_exceeded} with an
 * {@code upgradeUrl} once it is spent, {@code 503} (fail closed) when it cannot be checked.
 */
package com.saasgate.gateway.quota;
