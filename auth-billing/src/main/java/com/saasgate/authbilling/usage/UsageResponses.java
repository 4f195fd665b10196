package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies (API contract section 4). */
final class UsageResponses {

	private UsageResponses() {
	}

	/** The answer of a record; a replay of the same idempotency key answers the first with {@code duplicate}. */
	record RecordResult(boolean recorded, boolean duplicate, long used, long limit, long remaining,
			Instant periodEnd) {

		RecordResult asDuplicate() {
			return new RecordResult(this.recorded, true, this.used, this.limit, this.remaining, this.periodEnd);
		}

	}

	/** {@code GET /usage/quota}: {@code allowed} is {@code remaining > 0}, i.e. at least one more unit fits. */
	record Quota(boolean allowed, long used, long limit, long remaining, Instant periodEnd) {
	}

	/** A hold, as {@code POST /usage/reserve} answers it. */
	record Reservation(UUID reservationId, long amount, Instant expiresAt, long remaining) {
	}

	/** The answer of a commit; a second commit answers the first. */
	record CommitResult(boolean recorded, long used, long limit, long remaining, Instant periodEnd) {
	}

	/** {@code GET /usage/summary}. */
	record Summary(Instant periodStart, Instant periodEnd, String tier, List<ResourceUsage> resources) {
	}

	/** One resource of the summary. */
	record ResourceUsage(String resourceType, long used, long limit, long remaining) {
	}

}
