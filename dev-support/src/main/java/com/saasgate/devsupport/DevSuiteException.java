package com.saasgate.devsupport;

/** The suite could not start: the message says which part and why, with the service's last log lines. */
public class DevSuiteException extends RuntimeException {

	public DevSuiteException(String message) {
		super(message);
	}

	public DevSuiteException(String message, Throwable cause) {
		super(message, cause);
	}

}
