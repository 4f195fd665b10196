package com.saasgate.security;

/**
 * The {@code type} of the suite's RFC 9457 problem documents: one stable URI per contract
 * {@code code}, the same from every service, so clients can switch on either. It names the problem;
 * it is not meant to resolve.
 */
public final class ProblemTypes {

	private static final String PREFIX = "urn:saasgate:problem:";

	private ProblemTypes() {
	}

	public static String of(String code) {
		return PREFIX + code;
	}

}
