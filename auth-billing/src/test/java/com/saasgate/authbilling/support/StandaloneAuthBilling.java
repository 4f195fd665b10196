package com.saasgate.authbilling.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.saasgate.authbilling.AuthBillingApplication;
import com.saasgate.devsupport.TestInfrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An auth-billing instance of its own (outside the test context cache) on the test infrastructure,
 * for start-up checks and for a second replica: free ports, the test secrets, and the caller's
 * changes as command-line arguments, which outrank application.yml (default properties would not).
 */
public final class StandaloneAuthBilling {

	private StandaloneAuthBilling() {
	}

	/** Starts it; the caller closes it. */
	public static ConfigurableApplicationContext start(Map<String, String> changes) {
		return new SpringApplicationBuilder(AuthBillingApplication.class).run(args(changes));
	}

	/** The arguments; a null value in {@code changes} leaves that property out altogether. */
	public static String[] args(Map<String, String> changes) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("database.url", TestInfrastructure.databaseUrl());
		properties.put("spring.data.redis.url", TestInfrastructure.redisUrl());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("auth.jwt.signing-key", TestSecrets.JWT_SIGNING_KEY);
		properties.put("auth.jwt.refresh-secret", TestSecrets.JWT_REFRESH_SECRET);
		properties.put("auth.service-jwt-secret", TestSecrets.SERVICE_JWT_SECRET);
		properties.put("SERVICE_JWT_SECRET_GATEWAY", TestSecrets.SERVICE_JWT_SECRET_GATEWAY);
		properties.put("SERVICE_PUBLIC_KEY_GATEWAY", TestSecrets.SERVICE_PUBLIC_KEY_GATEWAY);
		properties.putAll(changes);
		properties.values().removeIf(Objects::isNull);
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

}
