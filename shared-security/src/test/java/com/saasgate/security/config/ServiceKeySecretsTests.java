package com.saasgate.security.config;

import java.util.LinkedHashMap;
import java.util.Map;

import com.saasgate.security.SecretPolicy;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class ServiceKeySecretsTests {

	static final String SHARED = "shared-service-secret-0123456789abcdefghijklmnop";

	static final String GATEWAY = "gateway-own-secret-0123456789abcdefghijklmnopqr";

	static final String MEMORY = "memory-own-secret-0123456789abcdefghijklmnopqrs";

	static final String OLD = "gateway-old-secret-0123456789abcdefghijklmnopqr";

	static final String SHARED_OLD = "shared-old-service-secret-0123456789abcdefghijk";

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

	@Test
	void discoverWhenPreviousKeysSetThenNeverOwnKeysButFoundAsPrevious() {
		StandardEnvironment environment = environment(Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY,
				"SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", OLD, "SERVICE_JWT_SECRET_PREVIOUS", SHARED_OLD,
				"SERVICE_JWT_SECRET_MEMORY_PREVIOUS", " "));

		assertThat(ServiceKeySecrets.discover(environment, false)).containsOnlyKeys("SERVICE_JWT_SECRET_GATEWAY");
		assertThat(ServiceKeySecrets.discoverPrevious(environment))
			.containsExactly(entry("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", OLD));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceKeySecrets.serviceName("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS"));
	}

	@Test
	void checkPreviousWhenPreviousKeysAreGoodThenOk() {
		SecretPolicy.Verdict verdict = ServiceKeySecrets.checkPrevious(SHARED, SHARED_OLD,
				Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY), Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", OLD), true);

		assertThat(verdict.ok()).isTrue();
		assertThat(verdict.warnings()).isEmpty();
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, Map.of(), Map.of(), true).ok()).isTrue();
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, "", Map.of(), Map.of(), true).ok()).isTrue();
	}

	@Test
	void checkPreviousWhenPreviousRepeatsItsCurrentKeyThenNamesBoth() {
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, SHARED, Map.of(), Map.of(), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_PREVIOUS must differ from SERVICE_JWT_SECRET");
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY),
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", GATEWAY), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS must differ from SERVICE_JWT_SECRET_GATEWAY");
	}

	@Test
	void checkPreviousWhenPreviousRepeatsAnotherSlotsKeyThenRefused() {
		String reused = " must differ from SERVICE_JWT_SECRET and from every other service's key";
		Map<String, String> own = Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY, "SERVICE_JWT_SECRET_MEMORY", MEMORY);

		// The previous key of a service that is another service's key, or the shared one, would let that
		// key's holders sign as it.
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, own,
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", MEMORY), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS" + reused);
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, own,
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", SHARED), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS" + reused);
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, GATEWAY, own, Map.of(), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_PREVIOUS" + reused);
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, OLD, own,
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", OLD), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_PREVIOUS" + reused, "SERVICE_JWT_SECRET_GATEWAY_PREVIOUS" + reused);
	}

	@Test
	void checkPreviousWhenOwnPreviousHasNoCurrentKeyThenRefused() {
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, Map.of(),
				Map.of("SERVICE_JWT_SECRET_OPS_PREVIOUS", OLD), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_OPS_PREVIOUS is set but SERVICE_JWT_SECRET_OPS is not");
	}

	@Test
	void checkPreviousWhenPlaceholderOrShortThenAsTheCurrentKeys() {
		String placeholder = "your-service-jwt-secret-change-in-production";

		assertThat(ServiceKeySecrets.checkPrevious(SHARED, placeholder, Map.of(), Map.of(), true).errors())
			.containsExactly("SERVICE_JWT_SECRET_PREVIOUS is a placeholder; set a real secret");
		SecretPolicy.Verdict outsideProduction = ServiceKeySecrets.checkPrevious(SHARED, placeholder, Map.of(),
				Map.of(), false);
		assertThat(outsideProduction.ok()).isTrue();
		assertThat(outsideProduction.warnings())
			.containsExactly("SERVICE_JWT_SECRET_PREVIOUS is a placeholder; set a real secret before production");
		assertThat(ServiceKeySecrets.checkPrevious(SHARED, null, Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY),
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", "short"), false).errors())
			.containsExactly("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS must be at least 32 characters");
	}

	@Test
	void keysWhenPreviousKeysThenEachSlotVerifiesItsPrevious() {
		ServiceKeys keys = ServiceKeySecrets.keys(SHARED, SHARED_OLD, Map.of("SERVICE_JWT_SECRET_GATEWAY", GATEWAY),
				Map.of("SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", OLD));
		java.time.Clock clock = java.time.Clock.systemUTC();
		String oldGatewayToken = new ServiceTokens(new ServiceKeys(SHARED_OLD, Map.of("gateway", OLD)), clock)
			.issue("gateway", "auth-billing", null, java.time.Duration.ofMinutes(1));
		String oldSharedToken = new ServiceTokens(SHARED_OLD, clock).issue("memory", "auth-billing", null,
				java.time.Duration.ofMinutes(1));

		ServiceTokens tokens = new ServiceTokens(keys, clock);
		assertThat(tokens.verify(oldGatewayToken, "auth-billing").service()).isEqualTo("gateway");
		assertThat(tokens.verify(oldSharedToken, "auth-billing").service()).isEqualTo("memory");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("test", properties));
		return environment;
	}

}
