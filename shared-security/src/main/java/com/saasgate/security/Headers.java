package com.saasgate.security;

import java.util.UUID;
import java.util.regex.Pattern;

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

	/**
	 * The client address the gateway resolved (the TCP peer, or the right-most untrusted
	 * {@code X-Forwarded-For} hop behind {@code TRUSTED_PROXIES}). Set only by the gateway, which strips
	 * client-sent copies; a service believes it only on a request with the gateway's service token.
	 */
	public static final String CLIENT_ADDRESS = "X-Client-Address";

	// Short and plain: an arbitrary client value would end up in every service's logs.
	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private Headers() {
	}

	/** The client's {@link #REQUEST_ID} when it is short and plain, else a fresh UUID. */
	public static String requestIdOrNew(String fromClient) {
		return (fromClient != null && SANE_REQUEST_ID.matcher(fromClient).matches()) ? fromClient
				: UUID.randomUUID().toString();
	}

}
