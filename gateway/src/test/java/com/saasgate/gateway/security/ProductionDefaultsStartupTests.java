package com.saasgate.gateway.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.saasgate.gateway.GatewayApplication;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.config.InvalidConfigurationException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code prod} refuses the development defaults of the addresses browsers and users are sent to, and
 * the {@code TRUSTED_PROXIES} placeholder of the Kubernetes overlay: one line per variable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionDefaultsStartupTests {

	private static final String UPGRADE_LINE = "GATEWAY_UPGRADE_URL (default FRONTEND_URL + /billing) points at "
			+ "localhost, a development default; set the production address";

	private static final String CORS_LINE = "CORS_ALLOWED_ORIGINS points at localhost, a development default; set the "
			+ "production address";

	@Test
	void startWhenProdWithLocalhostDefaultsThenFailsNamingEachVariable(CapturedOutput output) {
		assertThatThrownBy(() -> startProd())
			.isInstanceOfSatisfying(InvalidConfigurationException.class,
					(failure) -> assertThat(failure.problems()).containsExactly(CORS_LINE, UPGRADE_LINE));

		assertThat(output).contains(CORS_LINE).contains(UPGRADE_LINE);
	}

	@Test
	void startWhenProdWithFrontendUrlStillLocalThenFailsNamingTheUpgradeUrl() {
		assertThatThrownBy(() -> startProd("--CORS_ALLOWED_ORIGINS=https://app.example.com, http://127.0.0.1:3000",
				"--FRONTEND_URL=http://localhost:3000"))
			.isInstanceOfSatisfying(InvalidConfigurationException.class,
					(failure) -> assertThat(failure.problems()).containsExactly(CORS_LINE, UPGRADE_LINE));
		assertThatThrownBy(() -> startProd("--CORS_ALLOWED_ORIGINS=https://app.example.com",
				"--FRONTEND_URL=https://app.example.com", "--GATEWAY_UPGRADE_URL=http://[::1]:3000/billing"))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage(UPGRADE_LINE);
	}

	@Test
	void startWhenProdWithTheOverlaysTrustedProxiesPlaceholderThenFailsNamingIt() {
		assertThatThrownBy(() -> startProd("--CORS_ALLOWED_ORIGINS=https://app.example.com",
				"--FRONTEND_URL=https://app.example.com", "--TRUSTED_PROXIES=10.0.5.17, 192.0.2.0/24"))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("TRUSTED_PROXIES holds a documentation address (a placeholder); name the addresses of the "
					+ "proxies in front of the gateway");
	}

	@Test
	void startWhenProdWithRealAddressesThenStarts() {
		try (ConfigurableApplicationContext context = startProd("--CORS_ALLOWED_ORIGINS=https://app.example.com",
				"--FRONTEND_URL=https://app.example.com", "--TRUSTED_PROXIES=10.0.5.17, 10.0.6.0/28")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void startWhenNotProdWithLocalhostDefaultsThenStarts() {
		try (ConfigurableApplicationContext context = start("--GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY,
				"--TRUSTED_PROXIES=192.0.2.0/24")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	private static ConfigurableApplicationContext startProd(String... args) {
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=prod",
				"--GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY));
		all.addAll(List.of(args));
		return start(all.toArray(String[]::new));
	}

	private static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		// Closing an application disposes Reactor Netty's global event loops, which the cached test
		// contexts of the other test classes in this JVM still use; give these their own.
		application.addInitializers(context -> ((GenericApplicationContext) context)
			.registerBean(ReactorResourceFactory.class, ProductionDefaultsStartupTests::privateResources));
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
		all.addAll(List.of(args));
		return application.run(all.toArray(String[]::new));
	}

	private static ReactorResourceFactory privateResources() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}

}
