package com.saasgate.gateway.security;

import org.junit.jupiter.api.Test;

import com.saasgate.security.config.InvalidConfigurationException;
import org.junit.jupiter.api.extension.ExtendWith;

import com.saasgate.gateway.GatewayApplication;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.config.InvalidConfigurationException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up with bad configuration stops with a line naming the variable, and never prints the secret.
 * Values are passed as command-line arguments, which win over anything in the test machine's
 * environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretStartupTests {

	private static final String PLACEHOLDER = "your-jwt-secret-change-in-production-0123456789";

	private static final String SHORT = "short-secret-31-bytes-long-1234";

	private static final String GATEWAY_KEY = "--SERVICE_JWT_SECRET_GATEWAY=gateway-own-key-0123456789abcdefghijklm";

	@Test
	void startWhenProdWithoutGatewayKeyThenFailsNamingIt(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--SERVICE_JWT_SECRET=" + TestSecrets.SERVICE_JWT_SECRET))
			.hasRootCauseInstanceOf(InvalidConfigurationException.class)
			.rootCause()
			.hasMessage("SERVICE_JWT_SECRET_GATEWAY must be set");

		assertThat(output).contains("SERVICE_JWT_SECRET_GATEWAY must be set");
	}

	@Test
	void startWhenJwtSecretSetThenIgnoredAndNoAccessTokenSecretIsRequired(CapturedOutput output) {
		// The gateway verifies access tokens from auth-billing's JWKS: an old JWT_SECRET is not read.
		try (ConfigurableApplicationContext context = start("--JWT_SECRET=", "--SERVICE_JWT_SECRET=" + TestSecrets.SERVICE_JWT_SECRET)) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).doesNotContain("JWT_SECRET must be set");
	}

	@Test
	void startWhenServiceSecretMissingThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--SERVICE_JWT_SECRET="))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("SERVICE_JWT_SECRET must be set");
	}

	@Test
	void startWhenProdAndServiceSecretShortThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--SERVICE_JWT_SECRET=" + SHORT, GATEWAY_KEY))
			.hasRootCauseInstanceOf(InvalidConfigurationException.class)
			.rootCause()
			.hasMessage("SERVICE_JWT_SECRET must be at least 32 characters");

		assertThat(output).contains("SERVICE_JWT_SECRET must be at least 32 characters").doesNotContain(SHORT);
	}

	@Test
	void startWhenSecretShortOutsideProdThenFailsToo() {
		assertThatThrownBy(() -> start("--SERVICE_JWT_SECRET=" + SHORT))
			.rootCause()
			.hasMessage("SERVICE_JWT_SECRET must be at least 32 characters");
	}

	@Test
	void startWhenPlaceholderOutsideProdThenStartsWithWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--SERVICE_JWT_SECRET=" + PLACEHOLDER)) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).contains("SERVICE_JWT_SECRET is a placeholder").doesNotContain(PLACEHOLDER);
	}

	@Test
	void startWhenAuthBillingUrlHasPathThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--SERVICE_JWT_SECRET=" + TestSecrets.SERVICE_JWT_SECRET, "--AUTH_BILLING_URL=http://auth:3001/api"))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("AUTH_BILLING_URL must be an http(s) URL without a path").doesNotContain("Value:");
	}

	@Test
	void startWhenTrustedProxiesNotAddressesThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--SERVICE_JWT_SECRET=" + TestSecrets.SERVICE_JWT_SECRET, "--TRUSTED_PROXIES=10.0.0.0/8,lb.internal"))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("TRUSTED_PROXIES entries must be IP addresses or CIDR blocks");
	}

	@Test
	void startWhenTrustedProxyOutOfRangeThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--SERVICE_JWT_SECRET=" + TestSecrets.SERVICE_JWT_SECRET, "--TRUSTED_PROXIES=10.0.0.0/40"))
			.hasRootCauseInstanceOf(InvalidConfigurationException.class);

		assertThat(output).contains("TRUSTED_PROXIES is invalid");
	}

	private static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		// Closing an application disposes Reactor Netty's global event loops, which the cached test
		// contexts of the other test classes in this JVM still use; give these their own.
		application.addInitializers(context -> ((GenericApplicationContext) context)
			.registerBean(ReactorResourceFactory.class, SecretStartupTests::privateResources));
		String[] all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--management.server.port=0";
		System.arraycopy(args, 0, all, 2, args.length);
		return application.run(all);
	}

	private static ReactorResourceFactory privateResources() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}

}
