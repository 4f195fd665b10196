package com.saasgate.gateway;

import java.util.HashMap;
import java.util.Map;

import com.saasgate.devsupport.TestInfrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second gateway replica: its own application context and port, the same Redis, auth-billing stub
 * and upstreams as {@link GatewayTestSupport}'s. Started on first use and kept for the JVM (closing a
 * gateway context stops Reactor Netty's shared resources, which the cached test context still uses).
 */
public final class SecondGateway {

	private static ConfigurableApplicationContext context;

	private SecondGateway() {
	}

	public static synchronized ConfigurableApplicationContext context() {
		if (context == null) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("GATEWAY_JWKS_MIN_REFRESH", "0s");
			properties.put("GATEWAY_SIGNING_KEY", TestSecrets.GATEWAY_SIGNING_KEY);
			properties.put("AUTH_BILLING_URL", AuthBillingStub.baseUrl());
			properties.put("REDIS_URL", TestInfrastructure.redisUrl());
			properties.put("UPSTREAM_INTELLIGENCE_URL", UpstreamStub.intelligence().baseUrl());
			properties.put("UPSTREAM_INTELLIGENCE_METERED_RESOURCE", UpstreamStub.INTELLIGENCE_RESOURCE);
			properties.put("UPSTREAM_MEMORY_URL", UpstreamStub.memory().baseUrl());
			properties.put("GATEWAY_PLANS_REFRESH", "1h");
			properties.put("GATEWAY_PLANS_RETRY", "1h");
			properties.put("GATEWAY_RATE_LIMIT_REDIS_RETRY", "1s");
			properties.put("GATEWAY_RATE_LIMIT_REDIS_TIMEOUT", "2s");
			properties.put("server.port", "0");
			properties.put("management.server.port", "0");
			// Command-line arguments, which outrank application.yml: as default properties, server.port=0
			// would lose to its ${GATEWAY_PORT:5000}, and the second gateway would fail whenever port 5000
			// is taken (a developer's scripts/dev), closing the event loops the first one shares with it.
			context = new SpringApplicationBuilder(GatewayApplication.class).run(properties.entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new));
		}
		return context;
	}

	public static WebTestClient client() {
		int port = ((WebServerApplicationContext) context()).getWebServer().getPort();
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
