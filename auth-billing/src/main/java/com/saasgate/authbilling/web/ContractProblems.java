package com.saasgate.authbilling.web;

import java.util.List;

/**
 * The one table of what each call of api-contract.md answers: its success statuses, who may call it and
 * every problem ({@code status} and {@code code}) it may return. {@link ApiDocsConfiguration} writes it
 * into the OpenAPI description, so the description has a single place to drift from.
 */
final class ContractProblems {

	/** Who may call an endpoint: the security scheme of its description. */
	enum Caller {

		ANYONE, USER, SERVICE

	}

	/** One problem an endpoint may answer. */
	record Problem(int status, String code) {
	}

	/** One call of the contract. */
	record Endpoint(String method, String path, Caller caller, List<Integer> success, List<Problem> problems) {

		Endpoint {
			success = List.copyOf(success);
			problems = List.copyOf(problems);
		}

	}

	private static final List<Problem> USER_AUTH = List.of(p(401, "authentication_required"), p(401, "invalid_token"));

	private static final List<Problem> SERVICE_AUTH = List.of(p(401, "service_auth_required"),
			p(403, "service_forbidden"));

	/**
	 * What any call that reads or writes PostgreSQL may answer while it cannot: {@code 503
	 * service_unavailable} during an outage, {@code 503 overloaded} when the pool is exhausted (both with
	 * {@code Retry-After}; ProblemAdvice, ARCHITECTURE.md "A database outage is a 503").
	 */
	private static final List<Problem> DATABASE = List.of(p(503, "service_unavailable"), p(503, "overloaded"));

	/** The calls that never touch the database: their answers come from configuration or health checks. */
	private static final List<String> WITHOUT_DATABASE = List.of("/billing/plans", "/health");

	static final List<Endpoint> ENDPOINTS = List.of(
			anyone("POST", "/auth/register", List.of(201), p(400, "invalid_request"), p(409, "email_taken"),
					p(429, "rate_limited"), p(503, "overloaded")),
			anyone("POST", "/auth/verify-email", List.of(200), p(400, "invalid_request"), p(400, "invalid_token")),
			anyone("POST", "/auth/resend-verification", List.of(202), p(400, "invalid_request"),
					p(429, "rate_limited")),
			anyone("POST", "/auth/login", List.of(200), p(400, "invalid_request"), p(401, "invalid_credentials"),
					p(403, "email_not_verified"), p(429, "too_many_attempts"), p(503, "overloaded")),
			anyone("POST", "/auth/refresh", List.of(200), p(400, "invalid_request"), p(401, "invalid_token"),
					p(401, "token_reused")),
			anyone("POST", "/auth/logout", List.of(204), p(400, "invalid_request")),
			user("POST", "/auth/logout-all", List.of(204)),
			anyone("POST", "/auth/password/forgot", List.of(202), p(400, "invalid_request")),
			anyone("POST", "/auth/password/reset", List.of(204), p(400, "invalid_token"), p(400, "invalid_request"),
					p(503, "overloaded")),
			user("GET", "/auth/me", List.of(200)),
			anyone("GET", "/billing/plans", List.of(200)),
			user("POST", "/billing/checkout", List.of(200), p(400, "invalid_request"), p(409, "already_subscribed"),
					p(502, "stripe_unavailable")),
			user("POST", "/billing/portal", List.of(200), p(409, "no_customer"), p(502, "stripe_unavailable")),
			user("GET", "/billing/subscription", List.of(200)),
			anyone("POST", "/billing/webhooks", List.of(200), p(400, "invalid_signature"),
					p(400, "invalid_payload")),
			service("POST", "/usage/record", List.of(201, 200), p(400, "invalid_request"),
					p(422, "idempotency_key_reused")),
			service("POST", "/usage/record/batch", List.of(200), p(400, "invalid_request"),
					p(422, "idempotency_key_reused")),
			service("GET", "/usage/quota", List.of(200), p(400, "invalid_request")),
			service("POST", "/usage/reserve", List.of(201), p(400, "invalid_request"), p(409, "quota_exceeded")),
			service("POST", "/usage/reservations/{id}/commit", List.of(200), p(400, "invalid_request"),
					p(404, "not_found"), p(409, "reservation_expired"), p(409, "reservation_released")),
			service("POST", "/usage/reservations/{id}/release", List.of(204), p(404, "not_found")),
			user("GET", "/usage/summary", List.of(200)),
			service("GET", "/trials/stats", List.of(200)),
			service("POST", "/trials/check", List.of(200), p(409, "trial_check_running")),
			// 503 is the same health document with a required check down, not a problem
			anyone("GET", "/health", List.of(200, 503)),
			// operators' and the gateway's calls: not in the contract's tables, same service auth (section 6)
			service("GET", "/internal/users/{id}/tier", List.of(200), p(404, "not_found")),
			service("POST", "/internal/users/{id}/tier", List.of(200), p(400, "invalid_request"),
					p(404, "not_found")),
			service("GET", "/internal/stripe-events", List.of(200), p(400, "invalid_request")),
			service("POST", "/internal/stripe-events/{id}/replay", List.of(204), p(404, "not_found")),
			service("POST", "/internal/stripe-events/reconcile", List.of(200), p(400, "invalid_request"),
					p(409, "reconciliation_running"), p(502, "stripe_unavailable")),
			service("GET", "/internal/outbox/dead-letters", List.of(200)),
			service("POST", "/internal/outbox/dead-letters/{id}/retry", List.of(204), p(404, "not_found")),
			service("POST", "/internal/outbox/dead-letters/retry", List.of(200)),
			service("DELETE", "/internal/outbox/dead-letters/{id}", List.of(204), p(404, "not_found")));

	private ContractProblems() {
	}

	private static Endpoint anyone(String method, String path, List<Integer> success, Problem... problems) {
		return new Endpoint(method, path, Caller.ANYONE, success, concat(path, List.of(), problems));
	}

	private static Endpoint user(String method, String path, List<Integer> success, Problem... problems) {
		return new Endpoint(method, path, Caller.USER, success, concat(path, USER_AUTH, problems));
	}

	private static Endpoint service(String method, String path, List<Integer> success, Problem... problems) {
		return new Endpoint(method, path, Caller.SERVICE, success, concat(path, SERVICE_AUTH, problems));
	}

	private static List<Problem> concat(String path, List<Problem> auth, Problem... problems) {
		List<Problem> database = WITHOUT_DATABASE.contains(path) ? List.of() : DATABASE;
		return java.util.stream.Stream
			.of(auth.stream(), java.util.Arrays.stream(problems), database.stream())
			.flatMap(java.util.function.Function.identity())
			.distinct()
			.toList();
	}

	private static Problem p(int status, String code) {
		return new Problem(status, code);
	}

}
