package com.saasgate.authbilling.support;

import java.time.Clock;
import java.time.Duration;

import com.saasgate.security.Headers;
import com.saasgate.security.servicetoken.ServiceTokens;

/**
 * Headers of a request the gateway relays for a client at a given address: the gateway's service
 * token and the address it resolved. Lets a test be many clients at once from one machine.
 */
public final class ViaGateway {

	private static final ServiceTokens serviceTokens = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET,
			Clock.systemUTC());

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
		return serviceTokens.issue("gateway", "auth-billing", null, Duration.ofMinutes(5));
	}

}
