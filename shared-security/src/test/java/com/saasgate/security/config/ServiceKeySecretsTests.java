package com.saasgate.security.config;

import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.security.servicetoken.ServiceKeys;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class ServiceKeySecretsTests {

	static final String SHARED = "shared-service-secret-0123456789abcdefghijklmnop";

	static final String GATEWAY = "gateway-own-secret-0123456789abcdefghijklmnopqr";

	@Test
	void discoverWhenVariablesSetThenFindsEachWithItsWinningValue() {
		StandardEnvironment environment = environment(Map.of("SERVICE_JWT_SECRET_GATEWAY", "low",
				"SERVICE_JWT_SECRET_BILLING_BOT", "bot", "SERVICE_JWT_SECRET", SHARED, "SERVICE_JWT_SECRET_", "x",
				"service_jwt_secret_lower", "x", "OTHER_SECRET_GATEWAY", "x"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("high", Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY)));

		assertThat(ServiceKeySecrets.discover(environment, false)).containsExactly(
				entry("SERVICE_JWT_SECRET_BILLING_BOT", "bot"), entry("SERVICE_JWT_SECRET_GATEWAY", GATEWAY));
	}

	@Test
	void discoverWhenProductionAndNoGatewayKeyThenListsItUnset() {
		Map<String, String> secrets = ServiceKeySecrets.discover(environment(Map.of()), true);

		assertThat(secrets).containsOnlyKeys("SERVICE_JWT_SECRET_GATEWAY");
		assertThat(secrets.get("SERVICE_JWT_SECRET_GATEWAY")).isNull();
		assertThat(ServiceKeySecrets.discover(environment(Map.of()), false)).isEmpty();
	}

	@Test
	void serviceNameWhenVariableThenLowerCaseWithHyphens() {
		assertThat(ServiceKeySecrets.serviceName("SERVICE_JWT_SECRET_GATEWAY")).isEqualTo("gateway");
		assertThat(ServiceKeySecrets.serviceName("SERVICE_JWT_SECRET_BILLING_BOT_2")).isEqualTo("billing-bot-2");
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceKeySecrets.serviceName("SERVICE_JWT_SECRET"));
	}

	@Test
	void reuseErrorsWhenOwnKeyRepeatsSharedOrAnotherThenOneLineEach() {
		Map<String, String> own = new LinkedHashMap<>();
		own.put("SERVICE_JWT_SECRET_GATEWAY", SHARED);
		own.put("SERVICE_JWT_SECRET_INTELLIGENCE", GATEWAY);
		own.put("SERVICE_JWT_SECRET_MEMORY", GATEWAY);
		own.put("SERVICE_JWT_SECRET_OPS", null);

		assertThat(ServiceKeySecrets.reuseErrors(SHARED, own)).containsExactly(
				"SERVICE_JWT_SECRET_GATEWAY must differ from SERVICE_JWT_SECRET and from every other service's key",
				"SERVICE_JWT_SECRET_MEMORY must differ from SERVICE_JWT_SECRET and from every other service's key");
		assertThat(ServiceKeySecrets.reuseErrors(SHARED, Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY))).isEmpty();
	}

	@Test
	void keysWhenVariablesThenKeyedByServiceName() {
		ServiceKeys keys = ServiceKeySecrets.keys(SHARED, Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY));

		assertThat(keys.servicesWithOwnKey()).containsExactly("gateway");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("test", properties));
		return environment;
	}

}
