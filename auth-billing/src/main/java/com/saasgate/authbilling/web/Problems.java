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
		return ProblemTypes.codeFor(status.value());
	}

}
