package com.saasgate.authbilling.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies (API contract section 4). */
final class UsageResponses {

	private UsageResponses() {
	}

	/** The answer of a record; a replay of the same idempotency key answers the first with {@code duplicate}. */
	@Schema(requiredProperties = { "recorded", "duplicate", "used", "limit", "remaining", "periodEnd" })
	record RecordResult(boolean recorded, boolean duplicate, @Schema(minimum = "0") long used,
			@Schema(minimum = "0") long limit, @Schema(minimum = "0") long remaining, Instant periodEnd) {

		RecordResult asDuplicate() {
			return new RecordResult(this.recorded, true, this.used, this.limit, this.remaining, this.periodEnd);
		}

	}

	/** {@code GET /usage/quota}: {@code allowed} is {@code remaining > 0}, i.e. at least one more unit fits. */
	@Schema(requiredProperties = { "allowed", "used", "limit", "remaining", "periodEnd" })
	record Quota(boolean allowed, @Schema(minimum = "0") long used, @Schema(minimum = "0") long limit,
			@Schema(minimum = "0") long remaining, Instant periodEnd) {
	}

	/** A hold, as {@code POST /usage/reserve} answers it. */
	@Schema(requiredProperties = { "reservationId", "amount", "expiresAt", "remaining" })
	record Reservation(UUID reservationId, @Schema(minimum = "1") long amount, Instant expiresAt,
			@Schema(minimum = "0") long remaining) {
	}

	/** The answer of a commit; a second commit answers the first. */
	@Schema(requiredProperties = { "recorded", "used", "limit", "remaining", "periodEnd" })
	record CommitResult(boolean recorded, @Schema(minimum = "0") long used, @Schema(minimum = "0") long limit,
			@Schema(minimum = "0") long remaining, Instant periodEnd) {
	}

	/** {@code GET /usage/summary}. */
	@Schema(requiredProperties = { "periodStart", "periodEnd", "tier", "resources" })
	record Summary(Instant periodStart, Instant periodEnd, @Schema(ref = "Tier") String tier,
			List<ResourceUsage> resources) {
	}

	/** One resource of the summary. */
	@Schema(requiredProperties = { "resourceType", "used", "limit", "remaining" })
	record ResourceUsage(@Schema(ref = "ResourceType") String resourceType, @Schema(minimum = "0") long used,
			@Schema(minimum = "0") long limit, @Schema(minimum = "0") long remaining) {
	}

}
