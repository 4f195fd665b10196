package com.saasgate.gateway.quota;

import java.time.Instant;

/** auth-billing's {@code GET /usage/quota} answer (API contract section 4). */
record QuotaAnswer(Boolean allowed, Long used, Long limit, Long remaining, Instant periodEnd) {

	boolean complete() {
		return this.allowed != null;
	}

}
