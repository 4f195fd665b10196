package com.saasgate.gateway.routing;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.RawHttp;

import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that must never reach auth-billing: its internal endpoints, traversal tricks, and anything not
 * routed. Raw requests, because a well-behaved client would normalise the tricks away.
 */
class PathRulesTests extends GatewayTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/api/usage/record", "/api/usage/record/batch", "/api/trials/check", "/api/trials/stats",
			"/api/internal/users", "/api/auth/internal/x", "/api/auth/trials/stats", "/api/auth/usage/record",
			"/api/auth/%69nternal/x", "/api/trials", "/api/auth/INTERNAL/x" })
	void internalPathWhenRequestedThenNotFoundAndNeverForwarded(String path) throws IOException {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		RawHttp.Response response = RawHttp.get(this.port, path);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.headers()).contains("content-type: application/problem+json").contains("x-request-id:");
		assertThat(response.body()).contains("\"code\":\"not_found\"");
		assertNothingForwarded();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/%2e%2e/internal/x", "/api/auth/%2E%2E/usage/record", "/api/auth/..%2finternal",
			"/api/auth/../internal/x", "/api/auth/./me", "/api/auth/..", "/api/auth/me%2f..%2f..%2finternal",
			"/api/auth/%5c..%5cinternal", "/api/auth/me;jsessionid=1", "/api/auth//me", "/api/auth/%252e%252e/x",
			"/api/auth/me%00" })
	void traversalWhenRequestedThenBadRequestAndNeverForwarded(String path) throws IOException {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		RawHttp.Response response = RawHttp.get(this.port, path);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.headers()).contains("content-type: application/problem+json").contains("x-request-id:");
		assertThat(response.body()).contains("\"code\":\"invalid_request\"");
		assertNothingForwarded();
	}

	@Test
	void backslashWhenRequestedThenRejectedAndNeverForwarded() throws IOException {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		RawHttp.Response response = RawHttp.get(this.port, "/api/auth/..\\internal\\x");

		assertThat(response.status()).isEqualTo(400);
		assertNothingForwarded();
	}

	@Test
	void unknownRouteWhenRequestedThenNotFoundProblem() {
		assertProblem(this.client.get().uri("/api/nothing-here/x").exchange(), HttpStatus.NOT_FOUND, "not_found");
		assertProblem(this.client.post().uri("/").exchange(), HttpStatus.NOT_FOUND, "not_found");
		assertNothingForwarded();
	}

	@Test
	void actuatorWhenRequestedOnPublicPortThenOnlyProbesAnswer() {
		assertProblem(this.client.get().uri("/actuator/prometheus").exchange(), HttpStatus.NOT_FOUND, "not_found");
		assertProblem(this.client.get().uri("/actuator/env").exchange(), HttpStatus.NOT_FOUND, "not_found");
	}

}
