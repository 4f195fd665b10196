package com.saasgate.usageclient;

/**
 * A usage call that failed: the ledger refused it (a 4xx problem document, never retried: {@link #code()}
 * is the API contract's code, such as {@code quota_exceeded}), or it kept failing until the retries
 * ran out ({@link #status()} is the last status, or 0 when no answer came).
 */
public final class UsageClientException extends RuntimeException {

	private final int status;

	private final String code;

	public UsageClientException(int status, String code, String detail, Throwable cause) {
		super(detail, cause);
		this.status = status;
		this.code = code;
	}

	/** The HTTP status of the last answer, or 0 when none came. */
	public int status() {
		return this.status;
	}

	/** The problem document's {@code code}, or null. */
	public String code() {
		return this.code;
	}

}
