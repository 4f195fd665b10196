package com.saasgate.authbilling.usage;

import java.util.UUID;

/**
 * A usage event as validated, ready to record.
 *
 * @param userId whose usage it is
 * @param resourceType one of {@code Plan.RESOURCE_TYPES}
 * @param amount positive (0 only for a commit)
 * @param metadata the metadata object as canonical JSON, or null
 * @param idempotencyKey the caller's key, or null
 * @param requestHash SHA-256 of the canonical request, to tell a retry from a reuse of the key
 */
record UsageEvent(UUID userId, String resourceType, long amount, String metadata, String idempotencyKey,
		byte[] requestHash) {
}
