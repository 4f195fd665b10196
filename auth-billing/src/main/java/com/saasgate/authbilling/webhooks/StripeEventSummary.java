package com.saasgate.authbilling.webhooks;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored event as operators see it: never its payload. */
record StripeEventSummary(String id, String type, String status, int attempts,
		@Schema(types = { "string", "null" }, description = "null until an attempt fails") String lastError, Instant receivedAt) {
}
