package com.saasgate.security.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.saasgate.security.SecretPolicy;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.JwkText;
import io.jsonwebtoken.security.PublicJwk;
import com.saasgate.security.servicetoken.ServiceKeys;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The per-service keys of service tokens as the environment sets them: every
 * {@code SERVICE_JWT_SECRET_<NAME>} variable names the own key of service {@code <name>} (lower-case,
 * {@code _} as {@code -}: {@code SERVICE_JWT_SECRET_BILLING_BOT} is {@code billing-bot}). Both services
 * discover them the same way, check them with the other secrets, and build {@link ServiceKeys}.
 *
 * <p>A variable ending in {@code _PREVIOUS} is never an own key: {@code SERVICE_JWT_SECRET_PREVIOUS}
 * and {@code SERVICE_JWT_SECRET_<NAME>_PREVIOUS} hold the keys being rotated out (so no service may be
 * called {@code previous} or end in {@code -previous}).
 */
public final class ServiceKeySecrets {

	/** The shared key's variable. */
	public static final String SHARED = "SERVICE_JWT_SECRET";

	/** The gateway's own key, required in the {@code prod} profile. */
	public static final String GATEWAY = "SERVICE_JWT_SECRET_GATEWAY";

	private static final String PREFIX = SHARED + "_";

	/** The shared key being rotated out. */
	public static final String SHARED_PREVIOUS = SHARED + SecretPolicy.PREVIOUS_SUFFIX;

	private static final Pattern OWN_KEY_VARIABLE = Pattern.compile(PREFIX + "[A-Z0-9]+(_[A-Z0-9]+)*");

	private static final Pattern OWN_PREVIOUS_VARIABLE = Pattern
		.compile(PREFIX + "[A-Z0-9]+(_[A-Z0-9]+)*" + SecretPolicy.PREVIOUS_SUFFIX);

	/** A service's registered public key(s): {@code SERVICE_PUBLIC_KEY_<NAME>}. */
	public static final String PUBLIC_KEY_PREFIX = "SERVICE_PUBLIC_KEY_";

	/** The gateway's public key, required by auth-billing in the {@code prod} profile. */
	public static final String GATEWAY_PUBLIC_KEY = PUBLIC_KEY_PREFIX + "GATEWAY";

	private static final Pattern PUBLIC_KEY_VARIABLE = Pattern.compile(PUBLIC_KEY_PREFIX + "[A-Z0-9]+(_[A-Z0-9]+)*");

	private ServiceKeySecrets() {
	}

	/**
	 * Every {@code SERVICE_PUBLIC_KEY_<NAME>} the environment sets to a value that is not blank, by
	 * variable, sorted: each a JWK, a JWK Set (two keys during a rotation) or PEM.
	 */
	public static Map<String, String> discoverPublicKeys(ConfigurableEnvironment environment) {
		Map<String, String> keys = find(environment, PUBLIC_KEY_VARIABLE);
		keys.values().removeIf((value) -> value == null || value.isBlank());
		return keys;
	}

	/**
	 * The public keys by service name ({@code SERVICE_PUBLIC_KEY_BILLING_BOT} is {@code billing-bot}).
	 * @param errors receives one line per variable that holds no usable public key
	 */
	public static Map<String, List<PublicJwk<?>>> publicKeys(Map<String, String> byVariable, List<String> errors) {
		Map<String, List<PublicJwk<?>>> keys = new TreeMap<>();
		byVariable.forEach((variable, value) -> {
			String service = variable.substring(PUBLIC_KEY_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
			try {
				keys.put(service, JwkText.parsePublicKeys(value));
			}
			catch (IllegalArgumentException ex) {
				errors.add(variable + " is not a usable public key: " + ex.getMessage());
			}
		});
		return keys;
	}

	/**
	 * Every {@code SERVICE_JWT_SECRET_<NAME>} the environment sets, by variable, sorted, with its
	 * resolved value (the highest-ranked source wins). In production {@link #GATEWAY} is always
	 * present, {@code null} when unset, so that the secret check reports it missing.
	 */
	public static Map<String, String> discover(ConfigurableEnvironment environment, boolean production) {
		Map<String, String> secrets = find(environment, OWN_KEY_VARIABLE);
		secrets.keySet().removeIf((name) -> name.endsWith(SecretPolicy.PREVIOUS_SUFFIX));
		if (production) {
			secrets.putIfAbsent(GATEWAY, null);
		}
		return secrets;
	}

	/**
	 * Every {@code SERVICE_JWT_SECRET_<NAME>_PREVIOUS} the environment sets to a value that is not blank,
	 * by variable, sorted.
	 */
	public static Map<String, String> discoverPrevious(ConfigurableEnvironment environment) {
		Map<String, String> secrets = find(environment, OWN_PREVIOUS_VARIABLE);
		secrets.values().removeIf((value) -> value == null || value.isBlank());
		return secrets;
	}

	private static Map<String, String> find(ConfigurableEnvironment environment, Pattern variables) {
		Map<String, String> secrets = new TreeMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (variables.matcher(name).matches()) {
						secrets.put(name, environment.getProperty(name));
					}
				}
			}
		}
		return secrets;
	}

	/** {@code SERVICE_JWT_SECRET_BILLING_BOT} → {@code billing-bot}. */
	public static String serviceName(String variable) {
		if (!OWN_KEY_VARIABLE.matcher(variable).matches() || variable.endsWith(SecretPolicy.PREVIOUS_SUFFIX)) {
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

	/**
	 * The checks of the previous keys: each as {@link SecretPolicy#checkPrevious} says (so an own
	 * previous key needs its own current key), and none the same as any other key, current or
	 * previous, but its own current one (which {@code checkPrevious} reports).
	 * @param ownPreviousByVariable each {@code SERVICE_JWT_SECRET_<NAME>_PREVIOUS} set, as
	 * {@link #discoverPrevious} finds them
	 */
	public static SecretPolicy.Verdict checkPrevious(String sharedSecret, String sharedPrevious,
			Map<String, String> ownByVariable, Map<String, String> ownPreviousByVariable, boolean production) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put(SHARED, sharedSecret);
		all.putAll(ownByVariable);
		Map<String, String> previous = new LinkedHashMap<>();
		previous.put(SHARED_PREVIOUS, sharedPrevious);
		previous.putAll(ownPreviousByVariable);
		previous.values().removeIf((value) -> value == null || value.isBlank());
		all.putAll(previous);
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		previous.forEach((variable, secret) -> {
			String currentVariable = variable.substring(0, variable.length() - SecretPolicy.PREVIOUS_SUFFIX.length());
			SecretPolicy.Verdict verdict = SecretPolicy.checkPrevious(currentVariable, all.get(currentVariable), secret,
					production);
			errors.addAll(verdict.errors());
			warnings.addAll(verdict.warnings());
			boolean reused = all.entrySet()
				.stream()
				.anyMatch((other) -> !other.getKey().equals(variable) && !other.getKey().equals(currentVariable)
						&& secret.equals(other.getValue()));
			if (reused) {
				errors.add(variable + " must differ from " + SHARED + " and from every other service's key");
			}
		});
		return new SecretPolicy.Verdict(List.copyOf(errors), List.copyOf(warnings));
	}

	/** The keys, once the secrets passed the checks. */
	public static ServiceKeys keys(String sharedSecret, Map<String, String> ownByVariable) {
		return keys(sharedSecret, null, ownByVariable, Map.of());
	}

	/** The keys with their previous ones, once the secrets passed the checks. */
	public static ServiceKeys keys(String sharedSecret, String sharedPrevious, Map<String, String> ownByVariable,
			Map<String, String> ownPreviousByVariable) {
		return keys(sharedSecret, sharedPrevious, ownByVariable, ownPreviousByVariable, Map.of());
	}

	/** The keys with their previous ones and the registered public keys, once all passed the checks. */
	public static ServiceKeys keys(String sharedSecret, String sharedPrevious, Map<String, String> ownByVariable,
			Map<String, String> ownPreviousByVariable, Map<String, List<PublicJwk<?>>> publicKeys) {
		Map<String, HmacKeys> byService = new TreeMap<>();
		ownByVariable.forEach((variable, secret) -> byService.put(serviceName(variable),
				new HmacKeys(secret, ownPreviousByVariable.get(variable + SecretPolicy.PREVIOUS_SUFFIX))));
		return new ServiceKeys(new HmacKeys(sharedSecret, sharedPrevious), byService, publicKeys);
	}

}
