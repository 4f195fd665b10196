package com.saasgate.authbilling.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saasgate.authbilling.AuthBillingApplication;
import com.saasgate.authbilling.support.StandaloneAuthBilling;
import com.saasgate.authbilling.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up with a bad configuration stops the service with one line per problem, naming the
 * environment variable and never echoing a secret (api-contract.md section 8).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTests {

	private static final String PLACEHOLDER = "your-jwt-secret-change-in-production";

	@Test
	void startWhenSigningKeyMissingThenFailsNamingJwtSigningKey(CapturedOutput output) {
		Throwable failure = startFailing(output, "auth.jwt.signing-key", "");

		assertThat(messages(failure)).contains("JWT_SIGNING_KEY must be set");
		assertThat(failureDescription(output)).containsExactly("JWT_SIGNING_KEY must be set");
	}

	@Test
	void startWhenSigningKeyIsAnHmacSecretThenFailsNamingItWithoutEchoingIt(CapturedOutput output) {
		String hmacSecret = "an-old-jwt-secret-0123456789abcdefghijklmnop";

		startFailing(output, "auth.jwt.signing-key", hmacSecret);

		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("JWT_SIGNING_KEY is not a usable signing key"));
		assertThat(output.getOut()).doesNotContain(hmacSecret);
	}

	@Test
	void startWhenPreviousSigningKeyIsTheSigningKeyThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "auth.jwt.signing-key-previous", TestSecrets.JWT_SIGNING_KEY);

		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("JWT_SIGNING_KEY_PREVIOUS is not usable").contains("differ"));
	}

	@Test
	void startWhenSeveralSecretsMissingThenOneLineForEachVariable(CapturedOutput output) {
		startFailing(output, "auth.jwt.signing-key", "", "auth.service-jwt-secret", " ");

		assertThat(failureDescription(output)).containsExactlyInAnyOrder("JWT_SIGNING_KEY must be set",
				"SERVICE_JWT_SECRET must be set");
	}

	@Test
	void startWhenProdAndRefreshSecretIsPlaceholderThenFailsNamingItAndPlaceholder(CapturedOutput output) {
		Throwable failure = startFailing(output, "spring.profiles.active", "prod", "auth.jwt.refresh-secret", PLACEHOLDER);

		assertThat(messages(failure)).contains("JWT_REFRESH_SECRET").contains("placeholder");
		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("JWT_REFRESH_SECRET ").contains("placeholder"));
		assertThat(output.getOut()).doesNotContain(PLACEHOLDER);
	}

	@Test
	void startWhenProdAndRefreshSecretIsTwentyCharactersThenFailsNamingIt(CapturedOutput output) {
		String shortSecret = "Twenty-chars-secret!";

		Throwable failure = startFailing(output, "spring.profiles.active", "prod", "auth.jwt.refresh-secret", shortSecret);

		assertThat(messages(failure)).contains("JWT_REFRESH_SECRET").doesNotContain(shortSecret);
		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("JWT_REFRESH_SECRET ").contains("32"));
		assertThat(output.getOut()).doesNotContain(shortSecret);
	}

	@Test
	void startWhenProdWithoutGatewayServiceKeyThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod", "SERVICE_PUBLIC_KEY_GATEWAY", null);

		assertThat(failureDescription(output))
			.containsExactly("SERVICE_PUBLIC_KEY_GATEWAY must be set (the public half of the gateway's GATEWAY_SIGNING_KEY)");
	}

	@Test
	void startWhenProdWithTheGatewaysPublicKeyButNoGatewayHmacKeyThenStarts() {
		Map<String, String> changes = new java.util.HashMap<>();
		changes.put("spring.profiles.active", "prod");
		changes.put("SERVICE_JWT_SECRET_GATEWAY", null);
		changes.put("CORS_ALLOWED_ORIGINS", "https://app.example.com");
		changes.put("FRONTEND_URL", "https://app.example.com");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthBillingApplication.class)
			.run(args(changes))) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void startWhenServicePublicKeyUnusableThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "SERVICE_PUBLIC_KEY_MEMORY", TestSecrets.SERVICE_JWT_SECRET);

		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("SERVICE_PUBLIC_KEY_MEMORY is not a usable public key"));
	}

	@Test
	void startWhenServiceKeyShortOrReusingTheSharedKeyThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "SERVICE_JWT_SECRET_INTELLIGENCE", "short-intelligence-key", "SERVICE_JWT_SECRET_GATEWAY",
				TestSecrets.SERVICE_JWT_SECRET);

		assertThat(failureDescription(output)).containsExactlyInAnyOrder(
				"SERVICE_JWT_SECRET_INTELLIGENCE must be at least 32 characters",
				"SERVICE_JWT_SECRET_GATEWAY must differ from SERVICE_JWT_SECRET and from every other service's key");
		assertThat(output.getOut()).doesNotContain("short-intelligence-key");
	}

	@Test
	void startWhenProdAndPreviousKeyIsPlaceholderThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod", "JWT_REFRESH_SECRET_PREVIOUS", PLACEHOLDER);

		assertThat(failureDescription(output))
			.containsExactly("JWT_REFRESH_SECRET_PREVIOUS is a placeholder; set a real secret");
		assertThat(output.getOut()).doesNotContain(PLACEHOLDER);
	}

	@Test
	void startWhenPreviousKeysShortRepeatedOrWithoutCurrentThenFailsNamingEach(CapturedOutput output) {
		startFailing(output, "JWT_REFRESH_SECRET_PREVIOUS", TestSecrets.JWT_REFRESH_SECRET, "SERVICE_JWT_SECRET_PREVIOUS",
				"short-previous-key", "SERVICE_JWT_SECRET_GATEWAY_PREVIOUS", TestSecrets.SERVICE_JWT_SECRET,
				"SERVICE_JWT_SECRET_OPS_PREVIOUS", TestSecrets.SERVICE_JWT_SECRET_GATEWAY_PREVIOUS);

		assertThat(failureDescription(output)).containsExactlyInAnyOrder(
				"JWT_REFRESH_SECRET_PREVIOUS must differ from JWT_REFRESH_SECRET",
				"SERVICE_JWT_SECRET_PREVIOUS must be at least 32 characters",
				"SERVICE_JWT_SECRET_GATEWAY_PREVIOUS must differ from SERVICE_JWT_SECRET and from every other service's key",
				"SERVICE_JWT_SECRET_OPS_PREVIOUS is set but SERVICE_JWT_SECRET_OPS is not");
		assertThat(output.getOut()).doesNotContain("short-previous-key");
	}

	@Test
	void startWhenDatabaseUrlMissingThenFailsNamingDatabaseUrl(CapturedOutput output) {
		Throwable failure = startFailing(output, "database.url", "");

		assertThat(messages(failure)).contains("DATABASE_URL");
		assertThat(failureDescription(output)).containsExactly("DATABASE_URL must be set");
	}

	@Test
	void startWhenDatabaseUrlMalformedThenFailsNamingDatabaseUrlWithoutThePassword(CapturedOutput output) {
		Throwable failure = startFailing(output, "database.url", "mysql://app:s3cr3t-pw@db.internal:3306/app");

		assertThat(messages(failure)).contains("DATABASE_URL").doesNotContain("s3cr3t");
		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("DATABASE_URL "));
		assertThat(output.getOut()).doesNotContain("s3cr3t");
	}

	@Test
	void startWhenDatabaseUrlNamesNoDatabaseThenFailsNamingDatabaseUrl(CapturedOutput output) {
		startFailing(output, "database.url", "postgresql://app:s3cr3t-pw@db.internal:5432");

		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("DATABASE_URL "));
		assertThat(output.getOut()).doesNotContain("s3cr3t");
	}

	@Test
	void startWhenOutboxBatchSizeZeroThenFailsNamingOutboxBatchSize(CapturedOutput output) {
		startFailing(output, "outbox.batch-size", "0");

		assertThat(failureDescription(output)).containsExactly("OUTBOX_BATCH_SIZE must be between 1 and 1000");
	}

	@Test
	void startWhenOutboxSettingsBadThenOneLineForEachVariable(CapturedOutput output) {
		// A short handler timeout, so that 1001 messages would still fit in the lease.
		startFailing(output, "outbox.batch-size", "1001", "outbox.handler-timeout", "100ms", "outbox.max-attempts", "0",
				"outbox.prune-batch", "0");

		assertThat(failureDescription(output)).containsExactlyInAnyOrder("OUTBOX_BATCH_SIZE must be between 1 and 1000",
				"OUTBOX_MAX_ATTEMPTS must be at least 1", "OUTBOX_PRUNE_BATCH must be between 1 and 10000");
	}

	@Test
	void startWhenOutboxLeaseShorterThanLongestBatchThenFailsNamingOutboxLease(CapturedOutput output) {
		startFailing(output, "outbox.batch-size", "20", "outbox.handler-timeout", "15s", "outbox.lease", "5m");

		assertThat(failureDescription(output)).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("OUTBOX_LEASE must be longer than OUTBOX_BATCH_SIZE"));
	}

	@Test
	void startWhenProdAndStripeSecretsArePlaceholdersThenFailsNamingEach(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod", "billing.stripe.secret-key",
				"your-stripe-secret-key-change-in-production", "stripe.webhook.secret",
				"your-stripe-webhook-secret-change-in-production");

		assertThat(failureDescription(output)).containsExactly(
				"STRIPE_SECRET_KEY is a placeholder; set a real secret");
	}

	@Test
	void startWhenProdAndWebhookSecretIsPlaceholderThenFailsNamingIt(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod", "stripe.webhook.secret",
				"your-stripe-webhook-secret-change-in-production");

		assertThat(failureDescription(output)).containsExactly(
				"STRIPE_WEBHOOK_SECRET is a placeholder; set a real secret");
	}

	@Test
	void startWhenStripeKeyIsPublishableThenFailsInEveryProfile(CapturedOutput output) {
		startFailing(output, "billing.stripe.secret-key", "pk_live_not_a_secret_key");

		assertThat(failureDescription(output)).containsExactly("STRIPE_SECRET_KEY must start with sk_ or rk_");
		assertThat(output.getOut()).doesNotContain("pk_live_not_a_secret_key");
	}

	@Test
	void startWhenProdWithLocalhostDefaultsThenFailsNamingCorsAndFrontendUrl(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod");

		assertThat(failureDescription(output)).containsExactly(
				"CORS_ALLOWED_ORIGINS points at localhost, a development default; set the production address",
				"FRONTEND_URL points at localhost, a development default; set the production address");
	}

	@Test
	void startWhenProdWithOneLoopbackOriginLeftThenFailsNamingOnlyCors(CapturedOutput output) {
		startFailing(output, "spring.profiles.active", "prod", "CORS_ALLOWED_ORIGINS",
				"https://app.example.com,http://127.0.0.1:3000", "FRONTEND_URL", "https://app.example.com");

		assertThat(failureDescription(output)).containsExactly(
				"CORS_ALLOWED_ORIGINS points at localhost, a development default; set the production address");
	}

	@Test
	void startWhenPlaceholderOutsideProdThenStartsAndWarns(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthBillingApplication.class)
			.run(args(Map.of("auth.jwt.refresh-secret", PLACEHOLDER)))) {
			assertThat(context.isRunning()).isTrue();
		}

		assertThat(output.getOut()).contains("JWT_REFRESH_SECRET is a placeholder").doesNotContain("APPLICATION FAILED");
	}

	/** Starts the service with valid settings changed by the given pairs; start-up must fail. */
	private static Throwable startFailing(CapturedOutput output, String... overrides) {
		Map<String, String> changes = new LinkedHashMap<>();
		for (int i = 0; i < overrides.length; i += 2) {
			changes.put(overrides[i], overrides[i + 1]);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthBillingApplication.class)
			.run(args(changes))) {
			throw new AssertionError("started although " + changes.keySet() + " is invalid");
		}
		catch (RuntimeException ex) {
			assertThat(output.getOut()).contains("APPLICATION FAILED TO START");
			return ex;
		}
	}

	private static String[] args(Map<String, String> changes) {
		return StandaloneAuthBilling.args(changes);
	}

	/** The non-blank lines between "Description:" and "Action:" of Boot's failure report. */
	private static List<String> failureDescription(CapturedOutput output) {
		String out = output.getOut();
		int report = out.lastIndexOf("APPLICATION FAILED TO START");
		assertThat(report).as("failure report in output").isNotNegative();
		String block = out.substring(out.indexOf("Description:", report) + "Description:".length(),
				out.indexOf("Action:", report));
		return block.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

}
