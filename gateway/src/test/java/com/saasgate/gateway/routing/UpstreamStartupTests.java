package com.saasgate.gateway.routing;

import com.saasgate.gateway.GatewayApplication;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.security.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reserved or malformed upstream stops start-up with one line naming its variable. */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamStartupTests {

	@Test
	void startWhenUpstreamNamedAuthThenFailsNamingTheVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--UPSTREAM_AUTH_URL=http://evil.example:80",
				"--UPSTREAM_MEMORY_URL=http://memory:7000/v1"))
			.hasRootCauseInstanceOf(InvalidConfigurationException.class);

		assertThat(output).contains("UPSTREAM_AUTH_URL: 'auth' is a reserved path name")
			.contains("UPSTREAM_MEMORY_URL must be an http(s) URL without a path");
	}

	private static void start(String... args) {
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		// Closing a context stops Reactor Netty's global resources, which the cached test contexts use.
		application.addInitializers(context -> ((GenericApplicationContext) context)
			.registerBean(ReactorResourceFactory.class, UpstreamStartupTests::privateResources));
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--management.server.port=0";
		all[2] = "--GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY;
		System.arraycopy(args, 0, all, 3, args.length);
		application.run(all).close();
	}

	private static ReactorResourceFactory privateResources() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}

}
