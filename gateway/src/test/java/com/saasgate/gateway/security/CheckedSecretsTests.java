package com.saasgate.gateway.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.config.InvalidConfigurationException;
import com.saasgate.security.jwt.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedSecretsTests {

	@Test
	void checkWhenSigningKeyThenItSignsAndItsPublicHalfIsPublished() {
		CheckedSecrets secrets = CheckedSecrets.check(properties(TestSecrets.GATEWAY_SIGNING_KEY, null));

		assertThat(secrets.gatewayKeys().currentKeyId())
			.isEqualTo(new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null).currentKeyId());
		assertThat(secrets.gatewayKeys().publicKeys()).hasSize(1);
	}

	@Test
	void checkWhenPreviousKeyThenBothPublished() {
		CheckedSecrets secrets = CheckedSecrets
			.check(properties(TestSecrets.GATEWAY_SIGNING_KEY, TestSecrets.GATEWAY_SIGNING_KEY_PREVIOUS));

		assertThat(secrets.gatewayKeys().publicKeys()).hasSize(2);
	}

	@Test
	void checkWhenKeyUnusableThenRejectedNamingTheVariableWithoutTheValue() {
		assertThatThrownBy(() -> CheckedSecrets.check(properties(TestSecrets.SERVICE_JWT_SECRET, null)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY is not a usable signing key")
			.hasMessageNotContaining(TestSecrets.SERVICE_JWT_SECRET);
		assertThatThrownBy(() -> CheckedSecrets.check(properties(" ", null)))
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY must be set");
		assertThatThrownBy(() -> CheckedSecrets.check(properties(TestSecrets.GATEWAY_SIGNING_KEY, TestSecrets.GATEWAY_SIGNING_KEY)))
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY_PREVIOUS is not usable");
		assertThatThrownBy(() -> CheckedSecrets.check(properties(TestSecrets.GATEWAY_SIGNING_KEY, "garbage")))
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY_PREVIOUS is not usable");
	}

	@Test
	void toStringWhenPrintedThenHidesTheKey() {
		String d = TestSecrets.GATEWAY_SIGNING_KEY.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");

		assertThat(CheckedSecrets.check(properties(TestSecrets.GATEWAY_SIGNING_KEY, null)).toString()).doesNotContain(d);
		assertThat(properties(TestSecrets.GATEWAY_SIGNING_KEY, null).toString()).doesNotContain(d);
	}

	private static GatewayProperties properties(String signingKey, String previous) {
		return new GatewayProperties(
				new GatewayProperties.Jwt(null, Duration.ofSeconds(30), Duration.ofMinutes(5), "saasgate", "saasgate-api"),
				new GatewayProperties.ServiceToken(signingKey, previous), new GatewayProperties.Cors(List.of("http://localhost:3000")),
				new GatewayProperties.Routing("http://localhost:3001", DataSize.ofMegabytes(10), DataSize.ofMegabytes(1),
						Duration.ofSeconds(2)));
	}

}
