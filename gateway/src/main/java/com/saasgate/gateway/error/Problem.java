package com.saasgate.gateway.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.security.ProblemTypes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A problem document to send, with the extra response headers it needs (e.g. WWW-Authenticate) and
 * any extension members (RFC 9457 section 3.2) such as the {@code tier} and {@code limit} of a 429.
 */
record Problem(HttpStatus status, String code, String detail, HttpHeaders headers, Map<String, Object> extensions) {

	Problem {
		extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
	}

	Problem(HttpStatus status, String code, String detail, HttpHeaders headers) {
		this(status, code, detail, headers, Map.of());
	}

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
