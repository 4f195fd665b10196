package com.saasgate.gateway.security;

import org.junit.jupiter.api.Test;
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
 * Start-up with bad configuration stops with a line naming the variable, and never prints the key.
 * Values are passed as command-line arguments, which win over anything in the test machine's
 * environment. The gateway holds one key, its own private {@code GATEWAY_SIGNING_KEY}, in every profile.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretStartupTests {

	private static final String KEY = "--GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY;

	@Test
	void startWhenSigningKeyMissingThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--GATEWAY_SIGNING_KEY="))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("GATEWAY_SIGNING_KEY must be set");
	}

	@Test
	void startWhenSigningKeyIsAnHmacSecretThenFailsNamingVariableWithoutEchoingIt(CapturedOutput output) {
		assertThatThrownBy(() -> start("--GATEWAY_SIGNING_KEY=" + TestSecrets.SERVICE_JWT_SECRET))
			.hasRootCauseInstanceOf(InvalidConfigurationException.class)
			.rootCause()
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY is not a usable signing key");

		assertThat(output).doesNotContain(TestSecrets.SERVICE_JWT_SECRET);
	}

	@Test
	void startWhenPreviousKeyIsTheSigningKeyThenFailsNamingIt() {
		assertThatThrownBy(() -> start(KEY, "--GATEWAY_SIGNING_KEY_PREVIOUS=" + TestSecrets.GATEWAY_SIGNING_KEY))
			.rootCause()
			.hasMessageStartingWith("GATEWAY_SIGNING_KEY_PREVIOUS is not usable");
	}

	@Test
	void startWhenProdWithOnlyTheSigningKeyThenStartsWithoutAnySharedSecret(CapturedOutput output) {
		// No JWT_SECRET, no SERVICE_JWT_SECRET, no SERVICE_JWT_SECRET_GATEWAY: the gateway needs none.
		try (ConfigurableApplicationContext context = start("--spring.profiles.active=prod", KEY, "--JWT_SECRET=",
				"--SERVICE_JWT_SECRET=", "--SERVICE_JWT_SECRET_GATEWAY=", "--CORS_ALLOWED_ORIGINS=https://app.example.com",
				"--FRONTEND_URL=https://app.example.com")) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).doesNotContain("must be set").doesNotContain("APPLICATION FAILED");
	}

	@Test
	void startWhenAuthBillingUrlHasPathThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start(KEY, "--AUTH_BILLING_URL=http://auth:3001/api"))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("AUTH_BILLING_URL must be an http(s) URL without a path").doesNotContain("Value:");
	}

	@Test
	void startWhenUpstreamConnectTimeoutZeroOrOverAMinuteThenFailsNamingVariable(CapturedOutput output) {
		for (String millis : new String[] { "0", "60001" }) {
			assertThatThrownBy(() -> start(KEY, "--GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS=" + millis))
				.hasRootCauseInstanceOf(BindValidationException.class);
		}

		assertThat(output).contains("GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS must be between 1 and 60000");
	}

	@Test
	void startWhenTrustedProxiesNotAddressesThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start(KEY, "--TRUSTED_PROXIES=10.0.0.0/8,lb.internal"))
			.hasRootCauseInstanceOf(BindValidationException.class);

		assertThat(output).contains("TRUSTED_PROXIES entries must be IP addresses or CIDR blocks");
	}

	@Test
	void startWhenTrustedProxyOutOfRangeThenFailsNamingVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start(KEY, "--TRUSTED_PROXIES=10.0.0.0/40"))
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
