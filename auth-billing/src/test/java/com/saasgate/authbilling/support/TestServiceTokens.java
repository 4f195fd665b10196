package com.saasgate.authbilling.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;
import com.saasgate.security.servicetoken.SignedServiceTokens;

/**
 * Service tokens as the services of the test configuration sign them: the gateway with its private key
 * ({@code GATEWAY_SIGNING_KEY}, ES256; auth-billing holds only its public half), every other service with
 * the shared key. {@link #TOKENS} signs HMAC only: a "gateway" token from it is refused.
 */
public final class TestServiceTokens {

	public static final ServiceTokens TOKENS = new ServiceTokens(new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET,
			Map.of("gateway", TestSecrets.SERVICE_JWT_SECRET_GATEWAY)), Clock.systemUTC());

	/** Signs as the gateway does: with its private key. */
	public static final SignedServiceTokens GATEWAY = new SignedServiceTokens("gateway",
			new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null), Clock.systemUTC());

	/** Signs as a service that holds only the shared key, whatever it claims to be. */
	public static final ServiceTokens SHARED_KEY_ONLY = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET,
			Clock.systemUTC());

	private TestServiceTokens() {
	}

	/** A token of the service for auth-billing. */
	public static String of(String service) {
		if ("gateway".equals(service)) {
			return GATEWAY.issue("auth-billing", null, Duration.ofMinutes(1));
		}
		return TOKENS.issue(service, "auth-billing", null, Duration.ofMinutes(1));
	}

	public static String[] header(String service) {
		return new String[] { "X-Service-Token", of(service) };
	}

}
