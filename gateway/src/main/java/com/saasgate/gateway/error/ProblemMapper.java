package com.saasgate.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;

import com.saasgate.security.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns whatever reached the error handler into the problem the client sees. Only the status and a
 * fixed detail per kind of failure leave the gateway: exception messages can name upstream hosts.
 */
final class ProblemMapper {

	private static final String UPSTREAM_DOWN = "The service behind this endpoint is unavailable. Try again shortly.";

	private static final String UPSTREAM_SLOW = "The service behind this endpoint did not answer in time. Try again shortly.";

	private ProblemMapper() {
	}

	static Problem map(Throwable ex) {
		if (ex instanceof GatewayProblemException problem) {
			return problem.problem();
		}
		// Timeouts first: Netty's ConnectTimeoutException is also a ConnectException.
		if (hasCause(ex, TimeoutException.class, ConnectTimeoutException.class, ReadTimeoutException.class)) {
			return Problem.of(HttpStatus.GATEWAY_TIMEOUT, "upstream_unavailable", UPSTREAM_SLOW);
		}
		if (ex instanceof ResponseStatusException status) {
			return fromStatus(status.getStatusCode());
		}
		if (hasCause(ex, ConnectException.class, UnknownHostException.class, IOException.class)) {
			// refused, reset, closed before answering: the upstream is there in name only
			return Problem.of(HttpStatus.BAD_GATEWAY, "upstream_unavailable", UPSTREAM_DOWN);
		}
		return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"Something went wrong on our side. Try again, and quote the X-Request-Id if it keeps failing.");
	}

	static boolean isUnexpected(Problem problem) {
		return problem.status().is5xxServerError() && !"upstream_unavailable".equals(problem.code());
	}

	private static Problem fromStatus(HttpStatusCode code) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return switch (status) {
			case BAD_GATEWAY, SERVICE_UNAVAILABLE -> Problem.of(status, "upstream_unavailable", UPSTREAM_DOWN);
			case GATEWAY_TIMEOUT -> Problem.of(status, "upstream_unavailable", UPSTREAM_SLOW);
			default -> Problem.of(status, ProblemTypes.codeFor(status.value()), detail(status));
		};
	}

	private static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> Problem.NOT_FOUND_DETAIL;
			case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
			case CONTENT_TOO_LARGE -> "The request body is too large.";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported here.";
			case NOT_ACCEPTABLE -> "No acceptable representation.";
			case UNAUTHORIZED -> "Authentication is required.";
			case FORBIDDEN -> "Access to this resource is denied.";
			default -> status.is4xxClientError() ? "The request is invalid." : "Something went wrong on our side.";
		};
	}

	@SafeVarargs
	private static boolean hasCause(Throwable ex, Class<? extends Throwable>... types) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
