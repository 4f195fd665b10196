package com.saasgate.security.config;

import java.util.List;

import com.saasgate.security.SecretPolicy;
import com.saasgate.security.jwt.SigningKeys;

/**
 * The start-up check of an asymmetric signing key and its previous one ({@code JWT_SIGNING_KEY} and
 * {@code JWT_SIGNING_KEY_PREVIOUS}, {@code GATEWAY_SIGNING_KEY} and {@code GATEWAY_SIGNING_KEY_PREVIOUS}):
 * each a private JWK or PKCS#8 PEM (the previous one may be public), EC P-256 or Ed25519, the two
 * different. Every profile requires the key: replicas that each made up their own key would refuse each
 * other's tokens, so the dev launcher and the tests generate one and pass it like any other secret.
 */
public final class SigningKeySecrets {

	private SigningKeySecrets() {
	}

	/**
	 * @param errors receives one line per problem, naming the variable
	 * @return the keys, or {@code null} when there was a problem
	 */
	public static SigningKeys check(String variable, String current, String previous, List<String> errors) {
		if (current == null || current.isBlank()) {
			errors.add(variable + " must be set (a private JWK or PEM; scripts/dev generates one)");
			return null;
		}
		String previousVariable = variable + SecretPolicy.PREVIOUS_SUFFIX;
		try {
			new SigningKeys(current, null);
		}
		catch (IllegalArgumentException ex) {
			errors.add(variable + " is not a usable signing key: " + ex.getMessage());
			return null;
		}
		try {
			return new SigningKeys(current, previous);
		}
		catch (IllegalArgumentException ex) {
			errors.add(previousVariable + " is not usable: " + ex.getMessage());
			return null;
		}
	}

}
