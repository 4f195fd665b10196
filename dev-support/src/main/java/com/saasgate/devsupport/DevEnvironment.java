package com.saasgate.devsupport;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The names of the services' variables (api-contract section 8) and the dev values that fill them. */
final class DevEnvironment {

	/**
	 * The Stripe webhook secret is one of them, so that a dev run verifies signatures (sign with the
	 * printed value). The gateway's key pair is made apart ({@link #signingKeyPair}); it has no HMAC key.
	 */
	static final List<String> SECRETS = List.of("JWT_SIGNING_KEY", "JWT_REFRESH_SECRET", "SERVICE_JWT_SECRET",
			"STRIPE_WEBHOOK_SECRET");

	/** Each port variable and its contract default. */
	static final Map<String, Integer> PORTS = Map.of("GATEWAY_PORT", 5000, "AUTH_BILLING_PORT", 3001,
			"GATEWAY_MANAGEMENT_PORT", 9000, "AUTH_BILLING_MANAGEMENT_PORT", 9001);

	/**
	 * Prefixes of the variables the services read. A test suite given its own environment gets none of
	 * these from the shell that runs it, so a developer's exported {@code SPRING_PROFILES_ACTIVE} or
	 * {@code DATABASE_URL} cannot leak into a test run.
	 */
	private static final List<String> PREFIXES = List.of("JWT_", "SERVICE_JWT_", "SERVICE_PUBLIC_KEY_", "SERVICE_AUTH_", "DATABASE_", "DB_",
			"REDIS_", "SMTP_", "MAIL_", "FRONTEND_", "GATEWAY_", "AUTH_", "STRIPE_", "PASSWORD_", "CORS_", "UPSTREAM_",
			"SPRING_", "OUTBOX_", "TRUSTED_PROXIES");

	private static final SecureRandom RANDOM = new SecureRandom();

	private DevEnvironment() {
	}

	static boolean isServiceVariable(String name) {
		return PREFIXES.stream().anyMatch(name::startsWith);
	}

	/** 48 random bytes, URL-safe base64: 64 characters. */
	static String randomSecret() {
		byte[] bytes = new byte[48];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A random dev value for the secret {@code name}, shaped as Stripe's are where it is one of Stripe's,
	 * and a new private key where it is a signing key ({@code *_SIGNING_KEY}).
	 */
	static String devSecret(String name) {
		if (name.endsWith("_SIGNING_KEY")) {
			return signingKey();
		}
		return name.startsWith("STRIPE_WEBHOOK_SECRET") ? "whsec_" + randomSecret() : randomSecret();
	}

	/** The gateway's private key and the variable auth-billing reads its public half from: made together. */
	static final String GATEWAY_SIGNING_KEY = "GATEWAY_SIGNING_KEY";

	static final String GATEWAY_PUBLIC_KEY = "SERVICE_PUBLIC_KEY_GATEWAY";

	/** A new EC P-256 key pair: the private key as PKCS#8 PEM and the public one as X.509 PEM, each on one line. */
	static String[] signingKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			KeyPair pair = generator.generateKeyPair();
			return new String[] { pem("PRIVATE KEY", pair.getPrivate().getEncoded()), pem("PUBLIC KEY", pair.getPublic().getEncoded()) };
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java platform has EC P-256", ex);
		}
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----" + Base64.getEncoder().encodeToString(der) + "-----END " + label + "-----";
	}

	/**
	 * A new EC P-256 private key (what ES256 signs with) as PKCS#8 PEM on one line, so that it fits a
	 * {@code NAME=value} line of {@code .dev/secrets.env}; the services read PEM with or without breaks.
	 */
	static String signingKey() {
		return signingKeyPair()[0];
	}

	/** The shell's environment without the services' variables, plus {@code variables}. */
	static Map<String, String> childEnvironment(Map<String, String> inherited, Map<String, String> variables) {
		Map<String, String> child = new TreeMap<>();
		inherited.forEach((name, value) -> {
			if (!isServiceVariable(name)) {
				child.put(name, value);
			}
		});
		// glibc gives every thread that allocates its own malloc arena (64 MiB of address space each, much
		// of it resident): two arenas keep a JVM's native memory flat, as container images commonly set.
		child.putIfAbsent("MALLOC_ARENA_MAX", "2");
		child.putAll(variables);
		return child;
	}

	/** The entries of {@code all} that the services read or that were set on purpose. */
	static Map<String, String> serviceVariables(Map<String, String> all, Set<String> alsoKeep) {
		Map<String, String> kept = new TreeMap<>();
		all.forEach((name, value) -> {
			if (isServiceVariable(name) || alsoKeep.contains(name)) {
				kept.put(name, value);
			}
		});
		return kept;
	}

}
