package com.saasgate.authbilling.support;

import com.saasgate.security.Headers;

/**
 * Headers of a request the gateway relays for a client at a given address: the gateway's service
 * token (signed with the gateway's own key, as auth-billing requires before it believes the address)
 * and the address it resolved. Lets a test be many clients at once from one machine.
 */
public final class ViaGateway {

	private ViaGateway() {
	}

	public static String[] from(String clientAddress) {
		return new String[] { Headers.SERVICE_TOKEN, gatewayToken(), Headers.CLIENT_ADDRESS, clientAddress };
	}

	/** Distinct documentation addresses ({@code 2001:db8::/32}, RFC 3849), one per {@code n}. */
	public static String address(int n) {
		return "2001:db8::" + Integer.toHexString(n);
	}

	public static String gatewayToken() {
		return TestServiceTokens.of("gateway");
	}

}
