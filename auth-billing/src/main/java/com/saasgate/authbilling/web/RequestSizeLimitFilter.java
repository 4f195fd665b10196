package com.saasgate.authbilling.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies (64 KiB: no call of the API needs more), by {@code Content-Length} up front and
 * by counting for chunked bodies, so a huge body costs the service neither memory nor a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	static final long MAX_BODY_BYTES = 64 * 1024;

	/**
	 * How much of a refused body is still read, and dropped, after the 413. Closing on a client that
	 * is still sending resets the connection, and the reset can destroy the 413 before the client reads
	 * it; beyond this much, the client gets the reset.
	 */
	static final long DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

	private final JsonMapper json;

	RequestSizeLimitFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY_BYTES) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Connection", "close");
			this.json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					"payload_too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes."));
			if (declared <= DRAIN_LIMIT_BYTES) {
				response.flushBuffer();
				drain(request.getInputStream());
			}
			return;
		}
		LimitedRequest limited = new LimitedRequest(request);
		chain.doFilter(limited, response);
		if (limited.overflowed()) {
			response.flushBuffer();
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

		BodyTooLargeException() {
			super("request body exceeds " + MAX_BODY_BYTES + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream());
			}
			return this.stream;
		}

		boolean overflowed() {
			return this.stream instanceof LimitedInputStream limited && limited.overflowed;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long count;

		private boolean overflowed;

		LimitedInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > MAX_BODY_BYTES) {
				this.overflowed = true;
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
