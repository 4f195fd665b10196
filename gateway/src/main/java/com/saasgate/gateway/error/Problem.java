package com.saasgate.gateway.error;

import com.saasgate.security.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A problem document to send, with the extra response headers it needs (e.g. WWW-Authenticate). */
record Problem(HttpStatus status, String code, String detail, HttpHeaders headers) {

	static final String NOT_FOUND_DETAIL = "No API endpoint matches this path.";

	/** Stable per code and the same in every service: see {@link ProblemTypes}. */
	String type() {
		return ProblemTypes.of(this.code);
	}

	String title() {
		return this.status.getReasonPhrase();
	}

	static Problem of(HttpStatus status, String code, String detail) {
		return new Problem(status, code, detail, HttpHeaders.EMPTY);
	}

}
