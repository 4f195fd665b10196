package com.saasgate.gateway.security;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The allow-list from {@code CORS_ALLOWED_ORIGINS} (here two origins, comma-separated). */
class CorsTests extends GatewayTestSupport {

	@Test
	void preflightWhenOriginAllowedThenAnsweredByGateway() {
		this.client.options()
			.uri("/api/auth/me")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, X-Request-Id")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("GET", "PATCH"))
			.expectHeader()
			.exists("X-Request-Id");

		assertNothingForwarded();
	}

	@Test
	void preflightWhenOriginNotAllowedThenForbiddenWithoutAllowOrigin() {
		var response = this.client.options()
			.uri("/api/auth/login")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange();

		assertProblem(response, HttpStatus.FORBIDDEN, "origin_not_allowed");
		response.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertNothingForwarded();
	}

	@Test
	void requestWhenOriginAllowedThenAllowOriginAndExposedHeaders() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post()
			.uri("/api/auth/login")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					exposed -> assertThat(exposed).contains("X-Request-Id", "Retry-After", "X-RateLimit-Limit",
							"X-RateLimit-Remaining"));
	}

	@Test
	void requestWhenOriginAllowedThenForwardedWithoutOriginAndOneAllowOrigin() {
		// an upstream answering CORS itself must not double the header browsers accept once
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")
			.withHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
			// dropped whatever its case: the gateway's own CORS answer is the only one
			.withHeader("access-control-expose-headers", "X-Upstream-Secret")));

		this.client.post()
			.uri("/api/auth/login")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, (values) -> assertThat(values).hasSize(1))
			.expectHeader()
			.values(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(values) -> assertThat(String.join(",", values)).doesNotContain("X-Upstream-Secret"));

		assertThat(authBilling().findAll(anyRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.containsHeader(HttpHeaders.ORIGIN)).isFalse());
	}

	@Test
	void requestWhenOriginNotAllowedThenNoAllowOrigin() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post()
			.uri("/api/auth/login")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.bodyValue("{}")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void errorWhenOriginAllowedThenStillReadableByBrowser() {
		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");
	}

}
