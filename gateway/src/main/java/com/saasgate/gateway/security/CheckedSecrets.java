package com.saasgate.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;

/**
 * The gateway's secrets, once they passed the suite's shared {@link SecretPolicy}: at least 32 bytes
 * everywhere (the JWT library refuses shorter HS256 keys anyway; checking first lets the failure name
 * the variable), no {@code your-...-change-in-production} placeholder under the {@code prod} profile,
 * only a warning for one elsewhere so local runs work with {@code .env.example}.
 */
record CheckedSecrets(String jwtSecret, String serviceJwtSecret) {

	private static final Logger log = LoggerFactory.getLogger(CheckedSecrets.class);

	/** @throws InvalidConfigurationException listing every secret that fails, by variable */
	static CheckedSecrets check(GatewayProperties properties, boolean production) {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("JWT_SECRET", properties.jwt().secret());
		secrets.put("SERVICE_JWT_SECRET", properties.serviceToken().secret());
		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, production);
		verdict.warnings().forEach(log::warn);
		if (!verdict.ok()) {
			throw new InvalidConfigurationException(verdict.errors());
		}
		return new CheckedSecrets(properties.jwt().secret(), properties.serviceToken().secret());
	}

	@Override
	public String toString() {
		return "CheckedSecrets[(hidden)]";
	}

}
