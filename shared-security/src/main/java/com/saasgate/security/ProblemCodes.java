package com.saasgate.security;

import java.util.List;

/**
 * Every {@code code} a problem document of the suite can carry, from either service: the API
 * descriptions publish it as the {@code code} enum of their {@code Problem} schema, and the end-to-end
 * tests refuse a problem document whose code is not here. The contract's codes (api-contract.md)
 * come first; the rest are extensions, each listed in ARCHITECTURE.md ("API docs").
 */
public final class ProblemCodes {

	/** The codes api-contract.md names. */
	public static final List<String> CONTRACT = List.of("invalid_request", "email_taken", "invalid_token",
			"rate_limited", "invalid_credentials", "email_not_verified", "too_many_attempts", "token_reused",
			"overloaded", "already_subscribed", "stripe_unavailable", "no_customer", "invalid_signature",
			"invalid_payload", "idempotency_key_reused", "quota_exceeded", "not_found", "reservation_expired",
			"trial_check_running", "service_auth_required", "service_forbidden");

	/**
	 * Codes beyond the contract: HTTP's own refusals ({@link ProblemTypes#codeFor(int)}), a user call
	 * without a token, CORS, the gateway's upstreams, a released reservation and a reconciliation run.
	 */
	public static final List<String> EXTENSIONS = List.of("authentication_required", "forbidden",
			"method_not_allowed", "not_acceptable", "payload_too_large", "unsupported_media_type",
			"service_unavailable", "internal_error", "origin_not_allowed", "upstream_unavailable",
			"reservation_released", "reconciliation_running");

	/** {@link #CONTRACT} then {@link #EXTENSIONS}. */
	public static final List<String> ALL = java.util.stream.Stream.concat(CONTRACT.stream(), EXTENSIONS.stream())
		.toList();

	private ProblemCodes() {
	}

}
