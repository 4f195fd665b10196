package com.saasgate.gateway.error;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.TestSecrets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** auth-billing not listening at all: a problem document, and nothing that names the host. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "GATEWAY_SIGNING_KEY=" + TestSecrets.GATEWAY_SIGNING_KEY,
				"management.server.port=0" })
@AutoConfigureWebTestClient
class UpstreamDownTests {

	private static final int CLOSED_PORT = closedPort();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void authBilling(DynamicPropertyRegistry registry) {
		registry.add("AUTH_BILLING_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
	}

	@Test
	void loginWhenAuthBillingDownThenBadGatewayProblem() {
		String body = this.client.post()
			.uri("/api/auth/login")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("X-Request-Id")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).contains("\"code\":\"upstream_unavailable\"")
			.contains("\"status\":502")
			.doesNotContain("127.0.0.1")
			.doesNotContain(String.valueOf(CLOSED_PORT))
			.doesNotContain("Exception")
			.doesNotContain("io.netty");
	}

	@Test
	void healthWhenAuthBillingDownThenServiceUnavailable() {
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

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
