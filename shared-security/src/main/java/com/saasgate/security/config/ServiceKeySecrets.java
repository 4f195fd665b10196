package com.saasgate.security.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.saasgate.security.servicetoken.ServiceKeys;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The per-service keys of service tokens as the environment sets them: every
 * {@code SERVICE_JWT_SECRET_<NAME>} variable names the own key of service {@code <name>} (lower-case,
 * {@code _} as {@code -}: {@code SERVICE_JWT_SECRET_BILLING_BOT} is {@code billing-bot}). Both services
 * discover them the same way, check them with the other secrets, and build {@link ServiceKeys}.
 */
public final class ServiceKeySecrets {

	/** The shared key's variable. */
	public static final String SHARED = "SERVICE_JWT_SECRET";

	/** The gateway's own key, required in the {@code prod} profile. */
	public static final String GATEWAY = "SERVICE_JWT_SECRET_GATEWAY";

	private static final String PREFIX = SHARED + "_";

	private static final Pattern OWN_KEY_VARIABLE = Pattern.compile(PREFIX + "[A-Z0-9]+(_[A-Z0-9]+)*");

	private ServiceKeySecrets() {
	}

	/**
	 * Every {@code SERVICE_JWT_SECRET_<NAME>} the environment sets, by variable, sorted, with its
	 * resolved value (the highest-ranked source wins). In production {@link #GATEWAY} is always
	 * present, {@code null} when unset, so that the secret check reports it missing.
	 */
	public static Map<String, String> discover(ConfigurableEnvironment environment, boolean production) {
		Map<String, String> secrets = new TreeMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (OWN_KEY_VARIABLE.matcher(name).matches()) {
						secrets.put(name, environment.getProperty(name));
					}
				}
			}
		}
		if (production) {
			secrets.putIfAbsent(GATEWAY, null);
		}
		return secrets;
	}

	/** {@code SERVICE_JWT_SECRET_BILLING_BOT} → {@code billing-bot}. */
	public static String serviceName(String variable) {
		if (!OWN_KEY_VARIABLE.matcher(variable).matches()) {
			throw new IllegalArgumentException(variable + " is not a SERVICE_JWT_SECRET_<NAME> variable");
		}
		return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * One line per own key that repeats the shared key or another service's: such a key would let its
	 * other holders sign as the service.
	 */
	public static List<String> reuseErrors(String sharedSecret, Map<String, String> ownByVariable) {
		List<String> errors = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		if (sharedSecret != null) {
			seen.add(sharedSecret);
		}
		ownByVariable.forEach((variable, secret) -> {
			if (secret != null && !secret.isBlank()) {
				if (seen.contains(secret)) {
					errors.add(variable + " must differ from " + SHARED + " and from every other service's key");
				}
				seen.add(secret);
			}
		});
		return errors;
	}

	/** The keys, once the secrets passed the checks. */
	public static ServiceKeys keys(String sharedSecret, Map<String, String> ownByVariable) {
		Map<String, String> byService = new TreeMap<>();
		ownByVariable.forEach((variable, secret) -> byService.put(serviceName(variable), secret));
		return new ServiceKeys(sharedSecret, byService);
	}

}
