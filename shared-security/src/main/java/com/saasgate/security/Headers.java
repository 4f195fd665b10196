package com.saasgate.security;

/**
 * Header names the gateway and the services exchange. Anything starting with {@link #USER_PREFIX}
 * and {@link #SERVICE_TOKEN} are set only by the gateway: it strips client-sent copies.
 */
public final class Headers {

	public static final String USER_PREFIX = "X-User-";

	public static final String USER_ID = "X-User-Id";

	public static final String USER_TIER = "X-User-Tier";

	public static final String SERVICE_TOKEN = "X-Service-Token";

	public static final String REQUEST_ID = "X-Request-Id";

	private Headers() {
	}

}
