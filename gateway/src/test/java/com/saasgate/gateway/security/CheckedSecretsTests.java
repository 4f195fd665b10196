package com.saasgate.gateway.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.config.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedSecretsTests {

	private static final String STRONG = "k3V9xQ2mT7pL0sR4wY8zB1nC5dF6gH2j";

	private static final String PLACEHOLDER = "your-jwt-secret-change-in-production";

	private static final String GATEWAY_SECRET = "gAtEwAy-own-key-0123456789abcdefghij";

	private static final Map<String, String> GATEWAY_KEY = Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY_SECRET);

	@Test
	void checkWhenProdAndStrongThenAccepted() {
		assertThat(CheckedSecrets.check(properties(STRONG, STRONG + "x"), GATEWAY_KEY, true).serviceJwtSecret()).isEqualTo(STRONG + "x");
	}

	@Test
	void checkWhenProdAndPlaceholdersThenEachRejectedByVariable() {
		assertThatThrownBy(() -> CheckedSecrets.check(properties(PLACEHOLDER, "a-long-secret-please-CHANGE-IN-PRODUCTION"),
				Map.of("SERVICE_JWT_SECRET_GATEWAY", PLACEHOLDER + "-gateway"), true))
			.isInstanceOfSatisfying(InvalidConfigurationException.class, ex -> assertThat(ex.problems())
				.satisfiesExactly(service -> assertThat(service).startsWith("SERVICE_JWT_SECRET "),
						gateway -> assertThat(gateway).startsWith("SERVICE_JWT_SECRET_GATEWAY ")));
	}

	@Test
	void checkWhenNotProdAndPlaceholderThenAccepted() {
		assertThat(CheckedSecrets.check(properties(STRONG, PLACEHOLDER), Map.of(), false).serviceJwtSecret())
			.isEqualTo(PLACEHOLDER);
	}

	@Test
	void checkWhenUnder32BytesThenRejectedInEveryProfile() {
		assertThatThrownBy(() -> CheckedSecrets.check(properties(STRONG, STRONG.substring(1)), Map.of(), false))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("SERVICE_JWT_SECRET ")
			.hasMessageNotContaining(STRONG.substring(1));
	}

	@Test
	void checkWhenProdWithoutGatewayKeyThenRejectedNamingIt() {
		assertThatThrownBy(() -> CheckedSecrets.check(properties(STRONG, STRONG + "x"), Map.of(), true))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("SERVICE_JWT_SECRET_GATEWAY must be set");
		assertThat(CheckedSecrets.check(properties(STRONG, STRONG + "x"), Map.of(), false).serviceKeys()
			.servicesWithOwnKey()).isEmpty();
	}

	@Test
	void checkWhenGatewayKeyThenItIsTheGatewaysOwnAndChecked() {
		assertThat(CheckedSecrets.check(properties(STRONG, STRONG + "x"), GATEWAY_KEY, false).serviceKeys()
			.hasOwnKey("gateway")).isTrue();
		assertThatThrownBy(() -> CheckedSecrets.check(properties(STRONG, STRONG + "x"),
				Map.of("SERVICE_JWT_SECRET_GATEWAY", "short"), false))
			.hasMessageStartingWith("SERVICE_JWT_SECRET_GATEWAY ");
		assertThatThrownBy(() -> CheckedSecrets.check(properties(STRONG, STRONG + "x"),
				Map.of("SERVICE_JWT_SECRET_GATEWAY", STRONG + "x"), false))
			.hasMessageStartingWith("SERVICE_JWT_SECRET_GATEWAY must differ");
	}

	@Test
	void toStringWhenPrintedThenHidesSecrets() {
		assertThat(CheckedSecrets.check(properties(STRONG, STRONG), GATEWAY_KEY, true).toString()).doesNotContain(STRONG)
			.doesNotContain(GATEWAY_SECRET);
		assertThat(properties(STRONG, STRONG).toString()).doesNotContain(STRONG);
	}

	private static GatewayProperties properties(String jwtSecret, String serviceSecret) {
		return properties(jwtSecret, serviceSecret, null);
	}

	/** The first argument is what JWT_SECRET was: the gateway reads no access-token secret any more. */
	private static GatewayProperties properties(String unusedJwtSecret, String serviceSecret, String unused) {
		return new GatewayProperties(new GatewayProperties.Jwt(null, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(5), "saasgate", "saasgate-api"),
				new GatewayProperties.ServiceToken(serviceSecret), new GatewayProperties.Cors(List.of("http://localhost:3000")),
				new GatewayProperties.Routing("http://localhost:3001", DataSize.ofMegabytes(10), DataSize.ofMegabytes(1)));
	}

}
