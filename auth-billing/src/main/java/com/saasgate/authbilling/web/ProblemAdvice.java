package com.saasgate.authbilling.web;

import java.time.Duration;

import com.saasgate.authbilling.ops.DatabaseFailures;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every exception a controller can raise to an RFC 9457 problem document with a {@code code}:
 * the modules' {@link ApiException}s, Spring MVC's own (malformed JSON, wrong types, unsupported
 * methods and media types, unknown paths), a database that is unavailable or a pool that is exhausted
 * as a 503 with {@code Retry-After} and, last, anything unexpected as a bare 500 that names nothing
 * internal.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		HttpHeaders headers = new HttpHeaders();
		ex.headers().forEach(headers::add);
		return ResponseEntity.status(ex.status())
			.headers(headers)
			.body(Problems.of(ex.status(), ex.code(), ex.getMessage()));
	}

	/**
	 * No connection within {@code DB_CONNECTION_TIMEOUT} while PostgreSQL is fine: the pool is
	 * exhausted. The request did nothing (its transaction never began); {@code 503 overloaded} with
	 * {@code Retry-After} says to come back, rather than a hang or a 500.
	 */
	static final Duration POOL_RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * PostgreSQL is down, restarting or dropped the connection mid-request: {@code 503
	 * service_unavailable} with {@code Retry-After}. Whatever the request began rolled back, or (a
	 * commit cut off) may have committed; either way a retry with the same {@code Idempotency-Key} or
	 * event id is safe, which is what the answer asks for.
	 */
	static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(2);

	/**
	 * Tomcat could not decode a parameter of a form body ({@code since=%ff}); query strings never get
	 * this far ({@link StrictUtf8Filter}). The client's bytes are at fault: a 400.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> handleUndecodableParameter(InvalidParameterException ex) {
		return handleApiException(ApiException.invalidRequest("A parameter is not percent-encoded UTF-8."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		return switch (DatabaseFailures.kind(ex)) {
			case POOL_EXHAUSTED -> {
				logger.warn("No database connection for a request: {}", ex.getMessage());
				yield handleApiException(
						ApiException.overloaded("The database is busy; try again shortly.", POOL_RETRY_AFTER));
			}
			case UNAVAILABLE -> {
				// one line, no stack trace: during an outage every request says the same
				logger.warn("Database unavailable for a request: {}", oneLine(ex));
				yield handleApiException(ApiException.serviceUnavailable(
						"The service is temporarily unavailable; try again shortly.", OUTAGE_RETRY_AFTER));
			}
			case OTHER -> {
				logger.error("Unexpected error", ex);
				yield ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
					.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred."));
			}
		};
	}

	private static String oneLine(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return ex.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": "
				+ String.valueOf(root.getMessage()).lines().findFirst().orElse("") + ")";
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestSizeLimitFilter.isTooLarge(ex)) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large.");
		}
		return problem(HttpStatus.BAD_REQUEST, "invalid_request", "The request body is not valid JSON of the expected shape.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.reduce((a, b) -> a + "; " + b)
			.orElse("The request is invalid.");
		return problem(HttpStatus.BAD_REQUEST, "invalid_request", detail);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			String code = Problems.codeFor(statusCode);
			problem.setType(Problems.type(code));
			problem.setProperty("code", code);
			if (statusCode.value() == HttpStatus.NOT_FOUND.value()) {
				// Spring's detail echoes the path as a "static resource", which this API does not serve.
				problem.setDetail("There is nothing at this path.");
			}
		}
		return response;
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, code, detail));
	}

}
