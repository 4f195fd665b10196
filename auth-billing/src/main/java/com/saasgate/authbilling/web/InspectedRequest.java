package com.saasgate.authbilling.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body passes through an {@link Inspector} as the application reads it, so a filter
 * can refuse a body (too large, not UTF-8) without buffering it. The inspector's exception surfaces
 * to the reader, for Spring MVC as an unreadable body.
 */
final class InspectedRequest extends HttpServletRequestWrapper {

	private final Inspector inspector;

	private ServletInputStream stream;

	InspectedRequest(HttpServletRequest request, Inspector inspector) {
		super(request);
		this.inspector = inspector;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new InspectedInputStream(super.getInputStream(), this.inspector);
		}
		return this.stream;
	}

	/** Sees every body byte in order; throws to refuse the body. */
	interface Inspector {

		void accept(byte[] bytes, int offset, int length) throws IOException;

		/** The body ended. */
		default void end() throws IOException {
		}

	}

	private static final class InspectedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final Inspector inspector;

		private final byte[] single = new byte[1];

		InspectedInputStream(ServletInputStream delegate, Inspector inspector) {
			this.delegate = delegate;
			this.inspector = inspector;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b == -1) {
				this.inspector.end();
			}
			else {
				this.single[0] = (byte) b;
				this.inspector.accept(this.single, 0, 1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n == -1) {
				this.inspector.end();
			}
			else if (n > 0) {
				this.inspector.accept(buffer, offset, n);
			}
			return n;
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
