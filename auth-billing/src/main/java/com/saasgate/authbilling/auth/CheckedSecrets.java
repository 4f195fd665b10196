package com.saasgate.authbilling.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saasgate.security.SecretPolicy;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.ServiceKeySecrets;
import com.saasgate.security.config.SigningKeySecrets;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.ServiceKeys;
import io.jsonwebtoken.security.PublicJwk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The service's secrets once they passed {@link SecretPolicy} at start-up: in the {@code prod}
 * profile a placeholder or short secret stops the service, elsewhere a placeholder is only logged.
 * The token beans take this type, so they cannot be built from unchecked secrets. Access tokens are
 * signed with {@code JWT_SIGNING_KEY}, a private key ({@link SigningKeySecrets}). Service keys:
 * {@code SERVICE_JWT_SECRET}, every {@code SERVICE_JWT_SECRET_<NAME>} the environment sets, and every
 * registered public key {@code SERVICE_PUBLIC_KEY_<NAME>}; in {@code prod} {@code SERVICE_PUBLIC_KEY_GATEWAY}
 * is required, since only the gateway's own key makes its token (and the client address it vouches for)
 * unforgeable, and a public key lets auth-billing verify it without being able to mint it.
 * Each key may have a previous one ({@code <VARIABLE>_PREVIOUS}), checked by the same rules and
 * different from every other key, which still verifies while a rotation lasts.
 */
record CheckedSecrets(SigningKeys accessKeys, HmacKeys refreshKeys, ServiceKeys serviceKeys) {

	private static final Logger logger = LoggerFactory.getLogger(CheckedSecrets.class);

	/** @throws InvalidConfigurationException naming every variable that fails, one line each */
	static CheckedSecrets check(AuthProperties auth, ConfigurableEnvironment environment, boolean production) {
		// The gateway signs with its private key: in prod its public key is required, its HMAC key optional.
		Map<String, String> ownServiceKeys = ServiceKeySecrets.discover(environment, false);
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("JWT_REFRESH_SECRET", auth.jwt().refreshSecret());
		secrets.put(ServiceKeySecrets.SHARED, auth.serviceJwtSecret());
		secrets.putAll(ownServiceKeys);
		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, production);
		verdict.warnings().forEach(logger::warn);
		List<String> errors = new ArrayList<>(verdict.errors());
		errors.addAll(ServiceKeySecrets.reuseErrors(auth.serviceJwtSecret(), ownServiceKeys));
		Map<String, String> ownPrevious = ServiceKeySecrets.discoverPrevious(environment);
		for (SecretPolicy.Verdict previous : List.of(
				SecretPolicy.checkPrevious("JWT_REFRESH_SECRET", auth.jwt().refreshSecret(),
						auth.jwt().refreshSecretPrevious(), production),
				ServiceKeySecrets.checkPrevious(auth.serviceJwtSecret(), auth.serviceJwtSecretPrevious(), ownServiceKeys,
						ownPrevious, production))) {
			previous.warnings().forEach(logger::warn);
			errors.addAll(previous.errors());
		}
		Map<String, String> publicKeyVariables = ServiceKeySecrets.discoverPublicKeys(environment);
		if (production && !publicKeyVariables.containsKey(ServiceKeySecrets.GATEWAY_PUBLIC_KEY)) {
			errors.add(ServiceKeySecrets.GATEWAY_PUBLIC_KEY + " must be set (the public half of the gateway's GATEWAY_SIGNING_KEY)");
		}
		Map<String, List<PublicJwk<?>>> publicKeys = ServiceKeySecrets.publicKeys(publicKeyVariables, errors);
		SigningKeys accessKeys = SigningKeySecrets.check("JWT_SIGNING_KEY", auth.jwt().signingKey(),
				auth.jwt().signingKeyPrevious(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		if (!ownServiceKeys.containsKey(ServiceKeySecrets.GATEWAY)
				&& !publicKeyVariables.containsKey(ServiceKeySecrets.GATEWAY_PUBLIC_KEY)) {
			// Fails closed, but every client behind the gateway then shares the gateway's address for
			// the per-address limits: say so rather than let an operator find out from lockouts.
			logger.warn("{} is not set: client addresses sent by the gateway are not believed, so login and "
					+ "registration limits count every request through the gateway as one address", ServiceKeySecrets.GATEWAY_PUBLIC_KEY);
		}
		ServiceKeys serviceKeys = ServiceKeySecrets.keys(auth.serviceJwtSecret(), auth.serviceJwtSecretPrevious(),
				ownServiceKeys, ownPrevious, publicKeys);
		logger.info("Service keys of their own: {}; services with a public key: {}", serviceKeys.servicesWithOwnKey(),
				serviceKeys.servicesWithPublicKey());
		HmacKeys refreshKeys = new HmacKeys(auth.jwt().refreshSecret(), auth.jwt().refreshSecretPrevious());
		// Key ids, never keys: they tell an operator which key a token's kid names.
		logger.info("Access-token keys: {}; refresh-token keys: {}; previous service keys: {}", accessKeys,
				refreshKeys, previousVariables(auth.serviceJwtSecretPrevious(), ownPrevious));
		return new CheckedSecrets(accessKeys, refreshKeys, serviceKeys);
	}

	private static List<String> previousVariables(String sharedPrevious, Map<String, String> ownPrevious) {
		List<String> variables = new ArrayList<>();
		if (sharedPrevious != null && !sharedPrevious.isBlank()) {
			variables.add(ServiceKeySecrets.SHARED_PREVIOUS);
		}
		variables.addAll(ownPrevious.keySet());
		return variables;
	}

	@Override
	public String toString() {
		return "CheckedSecrets[(hidden), " + this.serviceKeys + "]";
	}

}
