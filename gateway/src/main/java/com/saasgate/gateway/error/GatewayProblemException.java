package com.saasgate.gateway.error;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * An error the gateway answers itself, with the status, contract {@code code} and client-safe
 * {@code detail} of its problem document. Raised by filters, rendered by the error handler.
 */
public final class GatewayProblemException extends RuntimeException {

	private final transient Problem problem;

	private GatewayProblemException(HttpStatus status, String code, String detail, HttpHeaders headers) {
		this(status, code, detail, headers, Map.of());
	}

	private GatewayProblemException(HttpStatus status, String code, String detail, HttpHeaders headers,
			Map<String, Object> extensions) {
		// No stack trace: these are expected outcomes (a bad token, a probe for an internal path),
		// cheap to raise on every bad request.
		super(code + ": " + detail, null, false, false);
		this.problem = new Problem(status, code, detail, HttpHeaders.readOnlyHttpHeaders(headers), extensions);
	}

	/** 400 {@code invalid_request}. */
	public static GatewayProblemException invalidRequest(String detail) {
		return new GatewayProblemException(HttpStatus.BAD_REQUEST, "invalid_request", detail, new HttpHeaders());
	}

	/** 401 {@code authentication_required}: no bearer token at all (RFC 6750 section 3). */
	public static GatewayProblemException authenticationRequired() {
		return new GatewayProblemException(HttpStatus.UNAUTHORIZED, "authentication_required",
				"This endpoint requires an access token in the Authorization header.", bearer("Bearer"));
	}

	/** 401 {@code invalid_token}: a bearer token that is not a current access token of ours. */
	public static GatewayProblemException invalidToken() {
		return new GatewayProblemException(HttpStatus.UNAUTHORIZED, "invalid_token",
				"The access token is invalid or has expired.", bearer("Bearer error=\"invalid_token\""));
	}

	/** 404 {@code not_found}: nothing is routed here, or the path belongs to an internal endpoint. */
	public static GatewayProblemException notFound() {
		return new GatewayProblemException(HttpStatus.NOT_FOUND, "not_found", Problem.NOT_FOUND_DETAIL,
				new HttpHeaders());
	}

	/** 413 {@code payload_too_large}. */
	public static GatewayProblemException payloadTooLarge(DataSize limit) {
		return new GatewayProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
				"The request body is larger than " + limit.toBytes() + " bytes.", new HttpHeaders());
	}

	/** 403 {@code origin_not_allowed}: a cross-origin request from an origin not on the allow-list. */
	public static GatewayProblemException originNotAllowed() {
		return new GatewayProblemException(HttpStatus.FORBIDDEN, "origin_not_allowed",
				"This origin is not allowed to call the API.", new HttpHeaders());
	}

	/**
	 * 503 {@code upstream_unavailable} with {@code Retry-After}: something the gateway needs before
	 * forwarding (a user's tier) could not be had; nothing was forwarded.
	 */
	public static GatewayProblemException upstreamUnavailable(String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return new GatewayProblemException(HttpStatus.SERVICE_UNAVAILABLE, "upstream_unavailable", detail, headers);
	}

	/**
	 * 429 {@code rate_limited} or {@code quota_exceeded}: over the tier's request rate or the monthly
	 * quota of a metered resource. {@code headers} carry {@code Retry-After} and the
	 * {@code X-RateLimit-*} pair; {@code members} the contract's machine-readable body ({@code tier},
	 * {@code limit}, {@code remaining}, {@code resetAt}, {@code upgradeUrl}).
	 */
	public static GatewayProblemException tooManyRequests(String code, String detail, HttpHeaders headers,
			Map<String, Object> members) {
		return new GatewayProblemException(HttpStatus.TOO_MANY_REQUESTS, code, detail, headers, members);
	}

	Problem problem() {
		return this.problem;
	}

	private static HttpHeaders bearer(String challenge) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return headers;
	}

}
