package com.saasgate.authbilling.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.ServiceKeySecrets;
import com.saasgate.security.servicetoken.ServiceKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The service's secrets once they passed {@link SecretPolicy} at start-up: in the {@code prod}
 * profile a placeholder or short secret stops the service, elsewhere a placeholder is only logged.
 * The token beans take this type, so they cannot be built from unchecked secrets. Service keys:
 * {@code SERVICE_JWT_SECRET} and every {@code SERVICE_JWT_SECRET_<NAME>} the environment sets; in
 * {@code prod} {@code SERVICE_JWT_SECRET_GATEWAY} is required, since only the gateway's own key makes
 * its token (and the client address it vouches for) unforgeable by other holders of the shared key.
 */
record CheckedSecrets(String jwtSecret, String refreshSecret, ServiceKeys serviceKeys) {

	private static final Logger logger = LoggerFactory.getLogger(CheckedSecrets.class);

	/** @throws InvalidConfigurationException naming every variable that fails, one line each */
	static CheckedSecrets check(AuthProperties auth, ConfigurableEnvironment environment, boolean production) {
		Map<String, String> ownServiceKeys = ServiceKeySecrets.discover(environment, production);
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("JWT_SECRET", auth.jwt().secret());
		secrets.put("JWT_REFRESH_SECRET", auth.jwt().refreshSecret());
		secrets.put(ServiceKeySecrets.SHARED, auth.serviceJwtSecret());
		secrets.putAll(ownServiceKeys);
		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, production);
		verdict.warnings().forEach(logger::warn);
		List<String> errors = new ArrayList<>(verdict.errors());
		errors.addAll(ServiceKeySecrets.reuseErrors(auth.serviceJwtSecret(), ownServiceKeys));
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		if (!ownServiceKeys.containsKey(ServiceKeySecrets.GATEWAY)) {
			// Fails closed, but every client behind the gateway then shares the gateway's address for
			// the per-address limits: say so rather than let an operator find out from lockouts.
			logger.warn("{} is not set: client addresses sent by the gateway are not believed, so login and "
					+ "registration limits count every request through the gateway as one address", ServiceKeySecrets.GATEWAY);
		}
		ServiceKeys serviceKeys = ServiceKeySecrets.keys(auth.serviceJwtSecret(), ownServiceKeys);
		logger.info("Service keys of their own: {}", serviceKeys.servicesWithOwnKey());
		return new CheckedSecrets(auth.jwt().secret(), auth.jwt().refreshSecret(), serviceKeys);
	}

	@Override
	public String toString() {
		return "CheckedSecrets[(hidden), " + this.serviceKeys + "]";
	}

}
