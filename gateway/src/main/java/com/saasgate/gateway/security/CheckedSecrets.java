package com.saasgate.gateway.security;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.config.SigningKeySecrets;
import com.saasgate.security.jwt.SigningKeys;

/**
 * The gateway's keys once they passed the start-up check: its own private key
 * ({@code GATEWAY_SIGNING_KEY}, and {@code GATEWAY_SIGNING_KEY_PREVIOUS} during a rotation), which
 * signs its service tokens. That is all it holds: it verifies access tokens with auth-billing's public
 * keys ({@link AccessTokenKeys}) and verifies no service token, so it needs no shared secret at all.
 */
record CheckedSecrets(SigningKeys gatewayKeys) {

	private static final Logger log = LoggerFactory.getLogger(CheckedSecrets.class);

	/** @throws InvalidConfigurationException naming every variable that fails, one line each */
	static CheckedSecrets check(GatewayProperties properties) {
		List<String> errors = new ArrayList<>();
		SigningKeys keys = SigningKeySecrets.check("GATEWAY_SIGNING_KEY", properties.serviceToken().signingKey(),
				properties.serviceToken().signingKeyPrevious(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidConfigurationException(errors);
		}
		// Key ids, never keys: they tell an operator which key a token's kid names.
		log.info("Gateway signing keys: {}", keys);
		return new CheckedSecrets(keys);
	}

	@Override
	public String toString() {
		return "CheckedSecrets[" + this.gatewayKeys + "]";
	}

}
