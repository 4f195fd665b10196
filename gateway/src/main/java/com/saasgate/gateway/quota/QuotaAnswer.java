package com.saasgate.gateway.quota;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** auth-billing's {@code GET /usage/quota} answer (API contract section 4); members added later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QuotaAnswer(Boolean allowed, Long used, Long limit, Long remaining, Instant periodEnd) {

	boolean complete() {
		return this.allowed != null;
	}

}
