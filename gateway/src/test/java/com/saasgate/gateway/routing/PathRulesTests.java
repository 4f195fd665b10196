package com.saasgate.gateway.routing;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.RawHttp;
import com.saasgate.gateway.TestTokens;
import com.saasgate.gateway.UpstreamStub;

import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that must never reach auth-billing: its internal endpoints however they are spelled, and
 * anything not routed; and the paths that must: auth-billing's public ones whatever their spelling
 * (forwarded in canonical form), an upstream's whole path. Raw requests with a signed-in user, because
 * a well-behaved client would normalise the tricks away and the user's token must not open anything.
 */
class PathRulesTests extends GatewayTestSupport {

	@BeforeEach
	void everythingAnswers() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).willReturn(okJson(
				"{\"allowed\":true,\"used\":1,\"limit\":100,\"remaining\":99,\"periodEnd\":\"2027-01-01T00:00:00Z\"}")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/usage/record", "/api/usage/record/batch", "/api/usage/reserve", "/api/usage/quota",
			"/api/usage/reservations/1/commit", "/api/trials/check", "/api/trials/stats", "/api/internal/users",
			"/api/trials", "/api/internal", "/api/usage", "/api/auth/internal/x", "/api/auth/trials/stats",
			"/api/auth/usage/record", "/api/auth/%69nternal/x", "/api/auth/INTERNAL/x",
			// percent-encoded letters and slashes, once and twice
			"/api/%75sage/record", "/api/%75%73%61%67%65/%72%65%63%6f%72%64", "/api/usage%2Frecord", "/api/usage%2frecord",
			"/api/usage%252Frecord", "/api/usage%25252Frecord", "/%61pi/usage/record", "/api%2Fusage%2Frecord",
			"/api/%74rials/check", "/api/%69nternal/users",
			// empty, dot and dot-dot segments
			"/api//usage/record", "//api/usage/record", "/api/usage//record", "/api/./usage/record", "/api/usage/./record",
			"/api/auth/../usage/record", "/api/auth/%2e%2e/internal/x", "/api/auth/%2E%2E/usage/record",
			"/api/auth/..%2finternal", "/api/auth/../internal/x", "/api/auth/me%2f..%2f..%2finternal",
			"/api/auth/%252e%252e/%252e%252e/api/trials/check", "/api/billing/plans/../../usage/record",
			"/api/intelligence/../usage/record", "/api/intelligence/v1/%2e%2e/%2e%2e/usage/record",
			"/api/memory/..%2F..%2Fapi%2Finternal%2Fusers", "/health/../api/usage/record",
			// trailing slash, case, matrix parameters, backslashes
			"/api/usage/record/", "/api/usage/record//", "/api/trials/check/", "/API/USAGE/RECORD", "/api/Usage/Record",
			"/Api/trials/check", "/api/usage;jsessionid=1/record", "/api/usage/record;jsessionid=1", "/api/usage/record;/",
			"/api/auth/..;/usage/record", "/api/auth/%5c..%5cinternal", "/api/auth/..%5Cusage%5Crecord",
			// upstream names spelled other than literally, and paths routed nowhere
			"/api/%69ntelligence/v1/chat", "/api//intelligence/v1/chat", "/api/./memory/notes", "/api/memory;x=1/notes",
			"/api/INTELLIGENCE/v1/chat", "/api/auth", "/api/billing", "/api", "/api/", "/api/nothing-here/x" })
	void unroutedPathWhenRequestedThenNotFoundAndNeverForwarded(String path) throws IOException {
		RawHttp.Response response = RawHttp.send(this.port, "GET " + path + " HTTP/1.1\r\nAuthorization: Bearer "
				+ TestTokens.valid(UUID.randomUUID()), new byte[0]);

		assertThat(response.status()).as(path).isEqualTo(404);
		assertThat(response.headers()).contains("content-type: application/problem+json").contains("x-request-id:");
		assertThat(response.body()).contains("\"code\":\"not_found\"");
		assertNothingForwarded();
		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(UpstreamStub.memory().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/me%00", "/api/usage%00/record", "/api/intelligence/v1/%0d%0a",
			"/api/usage%25252525252Frecord" })
	void undecodablePathWhenRequestedThenBadRequestAndNeverForwarded(String path) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, path);

		assertThat(response.status()).as(path).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"invalid_request\"");
		assertNothingForwarded();
		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	/** Reactor Netty refuses these itself, before any filter runs: a bare 400, and nothing forwarded. */
	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/%zz", "/api/usage/record%", "/api/usage/%2" })
	void malformedEncodingWhenRequestedThenBadRequestAndNeverForwarded(String path) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, path);

		assertThat(response.status()).as(path).isEqualTo(400);
		assertNothingForwarded();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/billing/plans", "/api/billing/plans/", "/api/billing//plans", "/api/./billing/plans",
			"/api/billing/%70lans", "/api/billing/plans;jsessionid=1", "/api/auth/../billing/plans", "//api/billing/plans" })
	void publicPathWhenSpelledAnotherWayThenForwardedInCanonicalForm(String path) throws IOException {
		RawHttp.Response response = RawHttp.get(this.port, path + "?currency=eur");

		assertThat(response.status()).as(path).isEqualTo(200);
		assertThat(onlyForwardedRequest().getUrl()).isEqualTo("/billing/plans?currency=eur");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/usage/records", "/v1/usage/record", "/internal/users", "/trials/check",
			"/v1/files/a%2Fb", "/v1/files/100%25", "/v1/files/a;v=2", "/v1/Usage/Record/", "/v1/x/../y" })
	void upstreamPathWhenItNamesWhatAuthBillingHasThenForwardedWhole(String rest) throws IOException {
		RawHttp.Response response = RawHttp.send(this.port, "GET /api/intelligence" + rest + " HTTP/1.1\r\nAuthorization: Bearer "
				+ TestTokens.valid(UUID.randomUUID()), new byte[0]);

		assertThat(response.status()).as(rest).isEqualTo(200);
		List<LoggedRequest> forwarded = UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()));
		assertThat(forwarded).hasSize(1);
		assertThat(forwarded.get(0).getUrl()).isEqualTo(rest);
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
