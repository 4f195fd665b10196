package com.saasgate.authbilling.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses JSON bodies that are not well-formed UTF-8 (RFC 8259 section 8.1, RFC 3629 section 4).
 * Jackson rejects most bad bytes but decodes overlong forms such as {@code C0 A7} (a quote in
 * disguise, the classic filter bypass); this checks every byte as it is read, so the body still
 * streams. A failure surfaces as an unreadable body: a 400 problem.
 *
 * <p>Query strings get the same rule before anything reads a parameter: a broken escape ({@code %zz})
 * or escapes that decode to bytes that are not UTF-8 ({@code %ff}) are a {@code 400 invalid_request}
 * here, where Tomcat would throw from the first {@code getParameter} call, wherever that is (a 500).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class StrictUtf8Filter extends OncePerRequestFilter {

	private final JsonMapper json;

	StrictUtf8Filter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isWellFormedQuery(request.getQueryString())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.BAD_REQUEST, "invalid_request",
					"The query string is not percent-encoded UTF-8."));
			return;
		}
		chain.doFilter(isUtf8Json(request.getContentType()) ? new InspectedRequest(request, new Utf8Validator()) : request, response);
	}

	/**
	 * Whether every {@code %} of the raw query starts a two-digit hex escape and the bytes, once
	 * decoded, are well-formed UTF-8 (RFC 3986 section 2.1, WHATWG URL's application/x-www-form-urlencoded).
	 */
	static boolean isWellFormedQuery(String query) {
		if (query == null) {
			return true;
		}
		Utf8Validator validator = new Utf8Validator();
		try {
			for (int i = 0; i < query.length(); i++) {
				char c = query.charAt(i);
				if (c == '&' || c == '=') {
					// a pair's name and value are decoded apart: a sequence may not straddle them
					validator.end();
				}
				if (c >= 0x100) {
					// already decoded text (the container read the line as UTF-8): nothing left to check
					continue;
				}
				if (c != '%') {
					validator.accept(c);
					continue;
				}
				if (i + 2 >= query.length()) {
					return false;
				}
				int high = Character.digit(query.charAt(i + 1), 16);
				int low = Character.digit(query.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return false;
				}
				validator.accept(high * 16 + low);
				i += 2;
			}
			validator.end();
			return true;
		}
		catch (MalformedUtf8Exception ex) {
			return false;
		}
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
