package com.saasgate.security;

/**
 * The {@code type} of the suite's RFC 9457 problem documents: one stable URI per contract
 * {@code code}, the same from every service, so clients can switch on either. It names the problem;
 * it is not meant to resolve.
 */
public final class ProblemTypes {

	private static final String PREFIX = "urn:saasgate:problem:";

	private ProblemTypes() {
	}

	public static String of(String code) {
		return PREFIX + code;
	}

	/** The contract's code for an HTTP status that no module named more precisely. */
	public static String codeFor(int status) {
		return switch (status) {
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
			default -> (status >= 400 && status < 500) ? "invalid_request" : "internal_error";
		};
	}

}
