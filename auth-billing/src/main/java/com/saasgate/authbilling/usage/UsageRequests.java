package com.saasgate.authbilling.usage;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies as they arrive. Amounts and metadata are kept as JSON nodes so that {@link UsageInput}
 * can refuse what Jackson would coerce ({@code 1.5}, {@code 1e3}, {@code "5"}, {@code 2^63}) instead of
 * silently rounding or parsing it.
 */
final class UsageRequests {

	private static final String METADATA = "any JSON object, at most usage.max-metadata-bytes of JSON";

	private UsageRequests() {
	}

	/** {@code POST /usage/record}. */
	@Schema(requiredProperties = { "userId", "resourceType", "amount" })
	record RecordRequest(@Schema(format = "uuid") String userId, @Schema(ref = "ResourceType") String resourceType,
			@Schema(implementation = Long.class, minimum = "1") JsonNode amount,
			@Schema(implementation = Object.class, types = "object", description = METADATA) JsonNode metadata) {
	}

	/** One event of {@code POST /usage/record/batch}. */
	@Schema(requiredProperties = { "userId", "resourceType", "amount" })
	record BatchEvent(@Schema(format = "uuid") String userId, @Schema(ref = "ResourceType") String resourceType,
			@Schema(implementation = Long.class, minimum = "1") JsonNode amount,
			@Schema(implementation = Object.class, types = "object", description = METADATA) JsonNode metadata,
			@Schema(minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7e]+$") String idempotencyKey) {
	}

	/** {@code POST /usage/record/batch}. */
	@Schema(requiredProperties = "events")
	record BatchRequest(List<BatchEvent> events) {
	}

	/** {@code POST /usage/reserve}. */
	@Schema(requiredProperties = { "userId", "resourceType", "amount" })
	record ReserveRequest(@Schema(format = "uuid") String userId, @Schema(ref = "ResourceType") String resourceType,
			@Schema(implementation = Long.class, minimum = "1") JsonNode amount,
			@Schema(implementation = Long.class, minimum = "1", maximum = "3600", description = "default 300")
			JsonNode ttlSeconds) {
	}

	/** {@code POST /usage/reservations/{id}/commit}. */
	@Schema(requiredProperties = "amount")
	record CommitRequest(@Schema(implementation = Long.class, minimum = "0") JsonNode amount,
			@Schema(implementation = Object.class, types = "object", description = METADATA) JsonNode metadata) {
	}

}
