package com.saasgate.authbilling.webhooks;

import java.time.Instant;

/** A stored event as operators see it: never its payload. */
record StripeEventSummary(String id, String type, String status, int attempts, String lastError, Instant receivedAt) {
}
