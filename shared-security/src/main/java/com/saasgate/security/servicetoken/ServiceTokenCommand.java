package com.saasgate.security.servicetoken;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.saasgate.security.contract.ServiceNames;

/**
 * {@code scripts/service-token <service> [--audience <aud>] [--ttl <seconds>] [--user <id>]}: prints a
 * service token of {@code service} for operators and tests, signed as that service signs: with
 * {@code SERVICE_JWT_SECRET_<NAME>} when the environment sets it (the name upper-cased, {@code -} as
 * {@code _}), else with {@code SERVICE_JWT_SECRET}. Defaults: audience {@code auth-billing}, 300 s
 * (the longest a service token may live). Needs only a JDK 17 and the built jars.
 */
public final class ServiceTokenCommand {

	static final String USAGE = "usage: service-token <service> [--audience <aud>] [--ttl <seconds>] [--user <id>]";

	private ServiceTokenCommand() {
	}

	public static void main(String[] args) {
		try {
			System.out.println(mint(args, System.getenv(), Clock.systemUTC()));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("service-token: " + ex.getMessage());
			System.exit(2);
		}
	}

	/** The token the arguments ask for, from the secrets in {@code env}. */
	static String mint(String[] args, Map<String, String> env, Clock clock) {
		if (args.length == 0 || args[0].startsWith("-")) {
			throw new IllegalArgumentException(USAGE);
		}
		String service = args[0];
		String audience = ServiceNames.AUTH_BILLING;
		Duration ttl = ServiceTokens.MAX_LIFETIME;
		String user = null;
		for (int i = 1; i < args.length; i += 2) {
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(USAGE);
			}
			switch (args[i]) {
				case "--audience" -> audience = args[i + 1];
				case "--ttl" -> ttl = seconds(args[i + 1]);
				case "--user" -> user = args[i + 1];
				default -> throw new IllegalArgumentException(USAGE);
			}
		}
		String ownVariable = "SERVICE_JWT_SECRET_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
		String own = env.get(ownVariable);
		String shared = env.get("SERVICE_JWT_SECRET");
		ServiceKeys keys;
		if (own != null && !own.isEmpty()) {
			// Only the own key signs; the shared one is needed by ServiceKeys but never used here.
			keys = new ServiceKeys((shared != null && !shared.isEmpty() && !shared.equals(own)) ? shared : random(),
					Map.of(service, own));
		}
		else if (shared != null && !shared.isEmpty()) {
			keys = ServiceKeys.shared(shared);
		}
		else {
			throw new IllegalArgumentException("set " + ownVariable + " or SERVICE_JWT_SECRET");
		}
		return new ServiceTokens(keys, clock).issue(service, audience, user, ttl);
	}

	private static Duration seconds(String value) {
		try {
			Duration ttl = Duration.ofSeconds(Long.parseLong(value));
			if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(ServiceTokens.MAX_LIFETIME) > 0) {
				throw new IllegalArgumentException("--ttl must be 1 to " + ServiceTokens.MAX_LIFETIME.toSeconds());
			}
			return ttl;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--ttl must be whole seconds");
		}
	}

	private static String random() {
		byte[] bytes = new byte[48];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
