package com.saasgate.authbilling.outbox;

import java.time.Instant;

/** A dead-lettered message as operators see it: never its payload. */
record DeadLetter(long id, String topic, int attempts, String lastError, Instant createdAt, Instant deadLetteredAt) {
}
