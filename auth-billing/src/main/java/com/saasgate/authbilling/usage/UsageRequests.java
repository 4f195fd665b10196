package com.saasgate.authbilling.usage;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Request bodies as they arrive. Amounts and metadata are kept as JSON nodes so that {@link UsageInput}
 * can refuse what Jackson would coerce ({@code 1.5}, {@code 1e3}, {@code "5"}, {@code 2^63}) instead of
 * silently rounding or parsing it.
 */
final class UsageRequests {

	private UsageRequests() {
	}

	/** {@code POST /usage/record}. */
	record RecordRequest(String userId, String resourceType, JsonNode amount, JsonNode metadata) {
	}

	/** One event of {@code POST /usage/record/batch}. */
	record BatchEvent(String userId, String resourceType, JsonNode amount, JsonNode metadata, String idempotencyKey) {
	}

	/** {@code POST /usage/record/batch}. */
	record BatchRequest(List<BatchEvent> events) {
	}

	/** {@code POST /usage/reserve}. */
	record ReserveRequest(String userId, String resourceType, JsonNode amount, JsonNode ttlSeconds) {
	}

	/** {@code POST /usage/reservations/{id}/commit}. */
	record CommitRequest(JsonNode amount, JsonNode metadata) {
	}

}
