package com.saasgate.authbilling.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;

/**
 * Service tokens as the services of the test configuration sign them: the gateway with its own key,
 * every other service with the shared key.
 */
public final class TestServiceTokens {

	public static final ServiceTokens TOKENS = new ServiceTokens(new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET,
			Map.of("gateway", TestSecrets.SERVICE_JWT_SECRET_GATEWAY)), Clock.systemUTC());

	/** Signs as a service that holds only the shared key, whatever it claims to be. */
	public static final ServiceTokens SHARED_KEY_ONLY = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET,
			Clock.systemUTC());

	private TestServiceTokens() {
	}

	/** A token of the service for auth-billing. */
	public static String of(String service) {
		return TOKENS.issue(service, "auth-billing", null, Duration.ofMinutes(1));
	}

	public static String[] header(String service) {
		return new String[] { "X-Service-Token", of(service) };
	}

}
