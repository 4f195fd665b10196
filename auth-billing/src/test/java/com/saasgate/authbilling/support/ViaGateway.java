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

	/**
	 * Distinct clients at documentation addresses ({@code 2001:db8::/32}, RFC 3849), one per {@code n}
	 * (below 65536), each in a {@code /64} of its own, since limits count an IPv6 client by its /64.
	 */
	public static String address(int n) {
		return "2001:db8:" + Integer.toHexString(n) + "::1";
	}

	/** The {@code host}-th address (from 1) of client {@code n}'s {@code /64}. */
	public static String address(int n, int host) {
		return String.format("2001:db8:%x:0:%x:0:0:%x", n, host, host);
	}

	public static String gatewayToken() {
		return TestServiceTokens.of("gateway");
	}

}
