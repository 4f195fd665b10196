package com.saasgate.authbilling.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.LocalhostDefaults;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Under the {@code prod} profile, refuses to start while {@code CORS_ALLOWED_ORIGINS} or
 * {@code FRONTEND_URL} (the links in mails, where Checkout and the portal return) still point at
 * localhost, their development defaults ({@link LocalhostDefaults}), one line per variable. It runs
 * once every bean is made and before the server takes traffic or a job runs, so that the checks made
 * while beans are created (secrets, Stripe keys) still speak first, each on its own.
 */
@Component
final class ProductionDefaultsCheck implements SmartInitializingSingleton {

	private final Environment environment;

	ProductionDefaultsCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.environment.matchesProfiles("prod")) {
			return;
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CORS_ALLOWED_ORIGINS", this.environment.getProperty("web.cors.allowed-origins"));
		// Billing and mail read it under the same variable; one line either way.
		values.put("FRONTEND_URL", this.environment.getProperty("billing.frontend-url", "") + ","
				+ this.environment.getProperty("mail.frontend-url", ""));
		List<String> errors = LocalhostDefaults.errors(values);
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
	}

}
