package com.saasgate.security.contract;

/**
 * The names the suite's own services go by in service tokens: the {@code iss} of the tokens they
 * mint and the {@code aud} of the tokens minted for them. Internal services (intelligence, memory,
 * ops, ...) are configuration, not constants.
 */
public final class ServiceNames {

	/** auth-billing: the audience of every service token sent to it. */
	public static final String AUTH_BILLING = "auth-billing";

	/** The gateway: the issuer of its service tokens, to auth-billing and to the upstreams. */
	public static final String GATEWAY = "gateway";

	private ServiceNames() {
	}

}
