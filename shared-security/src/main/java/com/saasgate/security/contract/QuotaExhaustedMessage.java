package com.saasgate.security.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code user_quota_exhausted} message ({@link Channel#USER_QUOTA_EXHAUSTED}),
 * {@code {userId, resourceType, periodEnd}}: auth-billing's ledger saw the user's usage of the
 * resource reach its quota for the period ending at {@code periodEnd}.
 *
 * @param userId never null
 * @param resourceType such as {@code llm_tokens}
 * @param periodEnd the end of the usage period whose quota ran out
 */
public record QuotaExhaustedMessage(UUID userId, String resourceType, Instant periodEnd) {

	public QuotaExhaustedMessage {
		Objects.requireNonNull(userId, "userId must not be null");
	}

}
