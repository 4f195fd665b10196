package com.saasgate.gateway.tiercache;

import java.time.Instant;
import java.util.UUID;

/**
 * A {@code user_quota_exhausted} message arrived: auth-billing's ledger saw the user's usage of the
 * resource reach its quota ({@code {"userId":"...","resourceType":"llm_tokens","periodEnd":"..."}}).
 */
public record UserQuotaExhausted(UUID userId, String resourceType, Instant periodEnd) {
}
