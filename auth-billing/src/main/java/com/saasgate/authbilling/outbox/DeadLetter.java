package com.saasgate.authbilling.outbox;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A dead-lettered message as operators see it: never its payload. */
record DeadLetter(long id, String topic, int attempts,
		@Schema(types = { "string", "null" }) String lastError, Instant createdAt, Instant deadLetteredAt) {
}
