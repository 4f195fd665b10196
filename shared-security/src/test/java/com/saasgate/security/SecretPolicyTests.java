package com.saasgate.security;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPolicyTests {

	static final String GOOD = "k3V9q2Lr8TzX1bN6wYc4HsD7fJm0PaEg";

	@Test
	void checkWhenSecretsAreGoodThenOkWithoutWarnings() {
		SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", GOOD), true);

		assertThat(verdict.ok()).isTrue();
		assertThat(verdict.errors()).isEmpty();
		assertThat(verdict.warnings()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void checkWhenSecretIsBlankThenErrorNamingTheVariable(String value) {
		SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", value), false);

		assertThat(verdict.ok()).isFalse();
		assertThat(verdict.errors()).containsExactly("JWT_SECRET must be set");
	}

	@Test
	void checkWhenSecretIsMissingThenErrorNamingTheVariable() {
		Map<String, String> secrets = new HashMap<>();
		secrets.put("SERVICE_JWT_SECRET", null);

		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, false);

		assertThat(verdict.ok()).isFalse();
		assertThat(verdict.errors()).containsExactly("SERVICE_JWT_SECRET must be set");
	}

	@Test
	void checkWhenSecretIsShortThenErrorInEveryProfile() {
		String shortSecret = "twenty-chars-secret!";

		for (boolean production : new boolean[] { true, false }) {
			SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", shortSecret), production);

			assertThat(verdict.ok()).isFalse();
			assertThat(verdict.errors()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("JWT_SECRET ")
				.contains("32")
				.doesNotContain(shortSecret);
		}
	}

	@Test
	void checkWhenSecretIs31BytesThenErrorAnd32BytesThenOk() {
		assertThat(SecretPolicy.check(Map.of("JWT_SECRET", GOOD.substring(1)), true).ok()).isFalse();
		assertThat(SecretPolicy.check(Map.of("JWT_SECRET", GOOD), true).ok()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "your-jwt-secret-change-in-production", "YOUR-SERVICE-JWT-SECRET-0123456789abcdef",
			"this-is-a-secret-to-change-in-production", "changeme-changeme-changeme-changeme" })
	void checkWhenPlaceholderInProductionThenError(String placeholder) {
		SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", placeholder), true);

		assertThat(verdict.ok()).isFalse();
		assertThat(verdict.errors()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("JWT_SECRET ")
			.contains("placeholder")
			.doesNotContain(placeholder);
	}

	@Test
	void checkWhenPlaceholderOutsideProductionThenWarningOnly() {
		SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", "your-jwt-secret-change-in-production"),
				false);

		assertThat(verdict.ok()).isTrue();
		assertThat(verdict.errors()).isEmpty();
		assertThat(verdict.warnings()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("JWT_SECRET ")
			.contains("placeholder");
	}

	@Test
	void checkWhenPlaceholderIsAlsoShortThenErrorOutsideProduction() {
		// Under 32 bytes is always an error: HS256 cannot use such a key, placeholder or not.
		SecretPolicy.Verdict verdict = SecretPolicy.check(Map.of("JWT_SECRET", "changeme"), false);

		assertThat(verdict.ok()).isFalse();
		assertThat(verdict.errors()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("JWT_SECRET ")
			.contains("32");
	}

	@Test
	void checkWhenSeveralSecretsAreBadThenOneLinePerVariable() {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("JWT_SECRET", "");
		secrets.put("JWT_REFRESH_SECRET", "short");
		secrets.put("SERVICE_JWT_SECRET", "your-service-jwt-secret-change-in-production");

		SecretPolicy.Verdict verdict = SecretPolicy.check(secrets, true);

		assertThat(verdict.errors()).hasSize(3)
			.allSatisfy((error) -> assertThat(error).doesNotContain("\n"))
			.anySatisfy((error) -> assertThat(error).startsWith("JWT_SECRET "))
			.anySatisfy((error) -> assertThat(error).startsWith("JWT_REFRESH_SECRET "))
			.anySatisfy((error) -> assertThat(error).startsWith("SERVICE_JWT_SECRET "));
	}

	@Test
	void checkOptionalWhenUnsetThenNothingToSay() {
		for (String value : new String[] { null, "", " " }) {
			SecretPolicy.Verdict verdict = SecretPolicy.checkOptional("STRIPE_SECRET_KEY", value, true, "sk_");

			assertThat(verdict.errors()).isEmpty();
			assertThat(verdict.warnings()).isEmpty();
		}
	}

	@Test
	void checkOptionalWhenPlaceholderThenErrorInProdAndWarningElsewhere() {
		String placeholder = "your-stripe-secret-key-change-in-production";

		SecretPolicy.Verdict prod = SecretPolicy.checkOptional("STRIPE_SECRET_KEY", placeholder, true, "sk_");
		SecretPolicy.Verdict dev = SecretPolicy.checkOptional("STRIPE_SECRET_KEY", placeholder, false, "sk_");

		assertThat(prod.errors()).containsExactly("STRIPE_SECRET_KEY is a placeholder; set a real secret");
		assertThat(prod.warnings()).isEmpty();
		assertThat(dev.errors()).isEmpty();
		assertThat(dev.warnings()).containsExactly("STRIPE_SECRET_KEY is a placeholder; set a real secret before production");
	}

	@Test
	void checkOptionalWhenPrefixMatchesAnyThenOkElseErrorNamingThem() {
		assertThat(SecretPolicy.checkOptional("STRIPE_SECRET_KEY", "rk_live_abc", true, "sk_", "rk_").ok()).isTrue();
		assertThat(SecretPolicy.checkOptional("STRIPE_SECRET_KEY", "sk_live_abc", false, "sk_", "rk_").ok()).isTrue();

		SecretPolicy.Verdict verdict = SecretPolicy.checkOptional("STRIPE_SECRET_KEY", "pk_live_abc", false, "sk_", "rk_");

		assertThat(verdict.errors()).containsExactly("STRIPE_SECRET_KEY must start with sk_ or rk_");
	}

	@Test
	void checkPreviousWhenUnsetThenNothingToSay() {
		for (String value : new String[] { null, "", "  " }) {
			SecretPolicy.Verdict verdict = SecretPolicy.checkPrevious("JWT_SECRET", GOOD, value, true);
			assertThat(verdict.ok()).isTrue();
			assertThat(verdict.warnings()).isEmpty();
		}
	}

	@Test
	void checkPreviousWhenGoodAndDifferentThenOk() {
		SecretPolicy.Verdict verdict = SecretPolicy.checkPrevious("JWT_SECRET", GOOD, "x" + GOOD, true);

		assertThat(verdict.ok()).isTrue();
		assertThat(verdict.warnings()).isEmpty();
	}

	@Test
	void checkPreviousWhenSameAsCurrentThenErrorNamingBoth() {
		assertThat(SecretPolicy.checkPrevious("JWT_SECRET", GOOD, GOOD, false).errors())
			.containsExactly("JWT_SECRET_PREVIOUS must differ from JWT_SECRET");
	}

	@Test
	void checkPreviousWhenCurrentUnsetThenError() {
		assertThat(SecretPolicy.checkPrevious("JWT_REFRESH_SECRET", null, GOOD, false).errors())
			.containsExactly("JWT_REFRESH_SECRET_PREVIOUS is set but JWT_REFRESH_SECRET is not");
		assertThat(SecretPolicy.checkPrevious("JWT_REFRESH_SECRET", " ", GOOD, false).errors())
			.containsExactly("JWT_REFRESH_SECRET_PREVIOUS is set but JWT_REFRESH_SECRET is not");
	}

	@Test
	void checkPreviousWhenPlaceholderThenErrorInProductionAndWarningElsewhere() {
		String placeholder = "your-jwt-secret-change-in-production";

		assertThat(SecretPolicy.checkPrevious("JWT_SECRET", GOOD, placeholder, true).errors())
			.containsExactly("JWT_SECRET_PREVIOUS is a placeholder; set a real secret");
		SecretPolicy.Verdict elsewhere = SecretPolicy.checkPrevious("JWT_SECRET", GOOD, placeholder, false);
		assertThat(elsewhere.ok()).isTrue();
		assertThat(elsewhere.warnings())
			.containsExactly("JWT_SECRET_PREVIOUS is a placeholder; set a real secret before production");
	}

	@Test
	void checkPreviousWhenShortThenErrorInEveryProfile() {
		assertThat(SecretPolicy.checkPrevious("JWT_SECRET", GOOD, "short-previous", false).errors())
			.containsExactly("JWT_SECRET_PREVIOUS must be at least 32 characters");
	}

}
