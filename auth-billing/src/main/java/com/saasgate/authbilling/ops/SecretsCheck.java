package com.saasgate.authbilling.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.authbilling.auth.AuthProperties;
import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Applies {@link SecretPolicy} at start-up: in the {@code prod} profile a placeholder or short secret
 * stops the service, elsewhere a placeholder is only logged.
 */
@Component
class SecretsCheck {

	private static final Logger logger = LoggerFactory.getLogger(SecretsCheck.class);

	SecretsCheck(AuthProperties auth, Environment environment) {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("JWT_SECRET", auth.jwt().secret());
		secrets.put("JWT_REFRESH_SECRET", auth.jwt().refreshSecret());
		secrets.put("SERVICE_JWT_SECRET", auth.serviceJwtSecret());
		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets,
				environment.acceptsProfiles(Profiles.of("prod")));
		verdict.warnings().forEach(logger::warn);
		if (!verdict.ok()) {
			throw new InvalidConfigurationException(verdict.errors());
		}
	}

}
