package com.saasgate.authbilling.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies ({@link RequestSizeProperties}: 64 KiB, 1 MiB for Stripe's webhooks), by
 * {@code Content-Length} up front and by counting for chunked bodies, so a huge body costs the service
 * neither memory nor a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(RequestSizeProperties.class)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	/**
	 * How much of a refused body is still read, and dropped, before the 413 is sent. Answering a client
	 * that is still sending, then closing, resets the connection, and the reset can destroy the 413
	 * before the client reads it; beyond this much, the client gets the reset.
	 */
	static final long DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

	private final JsonMapper json;

	private final RequestSizeProperties limits;

	RequestSizeLimitFilter(JsonMapper json, RequestSizeProperties limits) {
		this.json = json;
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = this.limits.limitOf(request.getRequestURI()).toBytes();
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			if (declared <= DRAIN_LIMIT_BYTES) {
				drain(request.getInputStream());
			}
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Connection", "close");
			this.json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					"payload_too_large", "The request body is larger than " + limit + " bytes."));
			return;
		}
		SizeCounter counter = new SizeCounter(limit);
		chain.doFilter(new InspectedRequest(request, counter), response);
		if (counter.overflowed) {
			// The 413 is still in the response buffer: it goes out once the rest of the body is read.
			drain(request.getInputStream());
		}
	}

	/** Reads and drops the rest of a refused body, up to {@link #DRAIN_LIMIT_BYTES}; memory stays flat. */
	private static void drain(InputStream body) {
		byte[] buffer = new byte[8192];
		long total = 0;
		try {
			int n;
			while (total <= DRAIN_LIMIT_BYTES && (n = body.read(buffer)) != -1) {
				total += n;
			}
		}
		catch (IOException ex) {
			// The client stopped sending: nothing left to drain.
		}
	}

	/** Whether reading the body failed because it outgrew the limit. */
	static boolean isTooLarge(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("request body exceeds " + limit + " bytes");
		}

	}

	/** Counts body bytes and refuses the one past the limit. */
	private static final class SizeCounter implements InspectedRequest.Inspector {

		private final long limit;

		private long count;

		private boolean overflowed;

		SizeCounter(long limit) {
			this.limit = limit;
		}

		@Override
		public void accept(byte[] bytes, int offset, int length) throws BodyTooLargeException {
			this.count += length;
			if (this.count > this.limit) {
				this.overflowed = true;
				throw new BodyTooLargeException(this.limit);
			}
		}

	}

}
