package com.saasgate.authbilling.web;

import java.net.URI;

import com.saasgate.security.ProblemTypes;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the suite's problem documents: a stable {@code type} per {@code code}. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(code));
		problem.setProperty("code", code);
		return problem;
	}

	public static URI type(String code) {
		return URI.create(ProblemTypes.of(code));
	}

	/** The contract's code for an HTTP status that no module named more precisely. */
	public static String codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid_request";
			case 401 -> "authentication_required";
			case 403 -> "forbidden";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 406 -> "not_acceptable";
			case 413 -> "payload_too_large";
			case 415 -> "unsupported_media_type";
			case 429 -> "rate_limited";
			case 503 -> "service_unavailable";
			default -> status.is4xxClientError() ? "invalid_request" : "internal_error";
		};
	}

}
