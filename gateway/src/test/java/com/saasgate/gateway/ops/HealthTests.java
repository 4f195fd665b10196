package com.saasgate.gateway.ops;

import org.junit.jupiter.api.Test;

import com.saasgate.devsupport.RedisServer;
import com.saasgate.devsupport.TestInfrastructure;
import com.saasgate.gateway.GatewayTestSupport;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code /health} and the probes on the public port; the actuator on the management port. */
class HealthTests extends GatewayTestSupport {

	@LocalManagementPort
	private int managementPort;

	@Test
	void healthWhenAuthBillingUpThenUp() {
		authBilling().stubFor(get(urlEqualTo("/health")).willReturn(okJson("{\"status\":\"UP\"}")));

		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.checks.authBilling").isEqualTo("UP")
			.jsonPath("$.checks.redis").isEqualTo("UP")
			.jsonPath("$.checks.config").isEqualTo("UP");
	}

	@Test
	void healthWhenAuthBillingUnhealthyThenServiceUnavailable() {
		authBilling().stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)));

		this.client.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status").isEqualTo("DOWN")
			.jsonPath("$.checks.authBilling").isEqualTo("DOWN")
			.jsonPath("$.checks.config").isEqualTo("UP");
	}

	@Test
	void healthWhenRedisDownThenDegradedButOk() {
		RedisServer redis = TestInfrastructure.embeddedRedis();
		assumeThat(redis).as("needs the embedded Redis, not TEST_REDIS_URL").isNotNull();
		authBilling().stubFor(get(urlEqualTo("/health")).willReturn(okJson("{\"status\":\"UP\"}")));

		redis.suspend();
		try {
			this.client.get()
				.uri("/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("DEGRADED")
				.jsonPath("$.checks.redis").isEqualTo("DEGRADED")
				.jsonPath("$.checks.authBilling").isEqualTo("UP");
		}
		finally {
			redis.resume();
		}
	}

	@Test
	void probesWhenRequestedOnPublicPortThenUp() {
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness", "/livez",
				"/readyz" }) {
			this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
		}
	}

	@Test
	void probesWhenAuthBillingDownThenStillUpSoReplicasStayInTheLoadBalancer() {
		authBilling().stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(503)));

		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			this.client.get().uri(path).exchange().expectStatus().isOk();
		}
	}

	@Test
	void actuatorWhenRequestedOnManagementPortThenHealthProbesAndPrometheus() {
		authBilling().stubFor(get(urlEqualTo("/health")).willReturn(okJson("{\"status\":\"UP\"}")));
		this.client.get().uri("/health").exchange().expectStatus().isOk();
		WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();

		management.get().uri("/actuator/health").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		String metrics = management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).contains("jvm_memory_used_bytes", "http_server_requests_seconds_bucket{", "le=\"0.1\"");
	}

}
