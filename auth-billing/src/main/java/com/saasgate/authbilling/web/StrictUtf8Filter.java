package com.saasgate.authbilling.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses JSON bodies that are not well-formed UTF-8 (RFC 8259 section 8.1, RFC 3629 section 4).
 * Jackson rejects most bad bytes but decodes overlong forms such as {@code C0 A7} (a quote in
 * disguise, the classic filter bypass); this checks every byte as it is read, so the body still
 * streams. A failure surfaces as an unreadable body: a 400 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class StrictUtf8Filter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(isUtf8Json(request.getContentType()) ? new InspectedRequest(request, new Utf8Validator()) : request, response);
	}

	static boolean isUtf8Json(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON)
					|| "json".equals(type.getSubtypeSuffix());
			return json && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static final class MalformedUtf8Exception extends IOException {

		MalformedUtf8Exception() {
			super("request body is not well-formed UTF-8");
		}

	}

	/** A streaming check of UTF-8 well-formedness (Unicode Standard, table 3-7). */
	static final class Utf8Validator implements InspectedRequest.Inspector {

		private int remaining;

		private int lower = 0x80;

		private int upper = 0xBF;

		void accept(int b) throws MalformedUtf8Exception {
			if (this.remaining > 0) {
				if (b < this.lower || b > this.upper) {
					throw new MalformedUtf8Exception();
				}
				this.remaining--;
				this.lower = 0x80;
				this.upper = 0xBF;
				return;
			}
			if (b < 0x80) {
				return;
			}
			if (b >= 0xC2 && b <= 0xDF) {
				expect(1, 0x80, 0xBF);
			}
			else if (b == 0xE0) {
				expect(2, 0xA0, 0xBF);
			}
			else if (b == 0xED) {
				expect(2, 0x80, 0x9F);
			}
			else if (b >= 0xE1 && b <= 0xEF) {
				expect(2, 0x80, 0xBF);
			}
			else if (b == 0xF0) {
				expect(3, 0x90, 0xBF);
			}
			else if (b >= 0xF1 && b <= 0xF3) {
				expect(3, 0x80, 0xBF);
			}
			else if (b == 0xF4) {
				expect(3, 0x80, 0x8F);
			}
			else {
				throw new MalformedUtf8Exception();
			}
		}

		@Override
		public void accept(byte[] bytes, int offset, int length) throws MalformedUtf8Exception {
			for (int i = offset; i < offset + length; i++) {
				accept(bytes[i] & 0xFF);
			}
		}

		@Override
		public void end() throws MalformedUtf8Exception {
			if (this.remaining > 0) {
				throw new MalformedUtf8Exception();
			}
		}

		private void expect(int continuations, int lower, int upper) {
			this.remaining = continuations;
			this.lower = lower;
			this.upper = upper;
		}

	}

}
