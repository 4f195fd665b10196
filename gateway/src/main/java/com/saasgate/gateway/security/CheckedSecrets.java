package com.saasgate.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.ServiceKeySecrets;
import com.saasgate.security.servicetoken.ServiceKeys;

/**
 * The gateway's secrets, once they passed the suite's shared {@link SecretPolicy}: at least 32 bytes
 * everywhere (the JWT library refuses shorter HS256 keys anyway; checking first lets the failure name
 * the variable), no {@code your-...-change-in-production} placeholder under the {@code prod} profile,
 * only a warning for one elsewhere so local runs work with {@code .env.example}. The service keys are
 * {@code SERVICE_JWT_SECRET} and each {@code SERVICE_JWT_SECRET_<NAME>} set; under {@code prod} the
 * gateway's own ({@code SERVICE_JWT_SECRET_GATEWAY}) is required, so that no holder of the shared key
 * can pass for the gateway. The gateway only signs service tokens, so it reads no previous service key;
 * it verifies access tokens with auth-billing's public keys ({@link AccessTokenKeys}), so it holds no
 * access-token secret at all.
 */
record CheckedSecrets(String serviceJwtSecret, ServiceKeys serviceKeys) {

	private static final Logger log = LoggerFactory.getLogger(CheckedSecrets.class);

	/**
	 * @param ownServiceKeys each {@code SERVICE_JWT_SECRET_<NAME>} by variable, as
	 * {@link ServiceKeySecrets#discover} finds them
	 * @throws InvalidConfigurationException listing every secret that fails, by variable
	 */
	static CheckedSecrets check(GatewayProperties properties, Map<String, String> ownServiceKeys, boolean production) {
		Map<String, String> own = new TreeMap<>(ownServiceKeys);
		if (production) {
			own.putIfAbsent(ServiceKeySecrets.GATEWAY, null);
		}
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put(ServiceKeySecrets.SHARED, properties.serviceToken().secret());
		secrets.putAll(own);
		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, production);
		verdict.warnings().forEach(log::warn);
		List<String> errors = new ArrayList<>(verdict.errors());
		errors.addAll(ServiceKeySecrets.reuseErrors(properties.serviceToken().secret(), own));
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		return new CheckedSecrets(properties.serviceToken().secret(),
				ServiceKeySecrets.keys(properties.serviceToken().secret(), own));
	}

	@Override
	public String toString() {
		return "CheckedSecrets[(hidden), " + this.serviceKeys + "]";
	}

}
