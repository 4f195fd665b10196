package com.saasgate.authbilling.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error with the API contract's status and {@code code}; rendered as a problem document. The
 * detail is shown to clients, so it never holds internals.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, String> headers;

	public ApiException(HttpStatus status, String code, String detail) {
		this(status, code, detail, Map.of());
	}

	public ApiException(HttpStatus status, String code, String detail, Map<String, String> headers) {
		super(detail);
		this.status = status;
		this.code = code;
		this.headers = Map.copyOf(headers);
	}

	public static ApiException invalidRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", detail);
	}

	/** A 429 with {@code Retry-After} in whole seconds (at least one). */
	public static ApiException tooManyRequests(String code, String detail, Duration retryAfter) {
		return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, code, detail, retryAfter);
	}

	/** A {@code 503 overloaded} with {@code Retry-After}: a bounded resource is full, the request did nothing. */
	public static ApiException overloaded(String detail, Duration retryAfter) {
		return withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", detail, retryAfter);
	}

	/**
	 * A {@code 503 service_unavailable} with {@code Retry-After}: a dependency the request needs (the
	 * database) is down; the request may be retried as it is.
	 */
	public static ApiException serviceUnavailable(String detail, Duration retryAfter) {
		return withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", detail, retryAfter);
	}

	private static ApiException withRetryAfter(HttpStatus status, String code, String detail, Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return new ApiException(status, code, detail, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public Map<String, String> headers() {
		return this.headers;
	}

}
