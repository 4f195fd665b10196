package com.saasgate.gateway.routing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.gateway.TestTokens;
import com.saasgate.gateway.UpstreamStub;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code /api/{service}/**} to the upstreams of {@code UPSTREAM_<NAME>_URL} (WireMock servers that
 * record what they receive): prefix stripped, the gateway's headers added, the client's copies gone,
 * and a service token whose audience is that upstream alone.
 */
class UpstreamRoutingTests extends GatewayTestSupport {

	private static final ServiceTokens VERIFIER = TestTokens.serviceTokenVerifier();

	@BeforeEach
	void quotaAllowed() {
		authBilling().stubFor(get(urlPathEqualTo("/usage/quota")).willReturn(okJson(
				"{\"allowed\":true,\"used\":1,\"limit\":100,\"remaining\":99,\"periodEnd\":\"2027-01-01T00:00:00Z\"}")));
	}

	@Test
	void upstreamWhenUserVerifiedThenForwardedWithoutPrefixWithGatewayHeaders() {
		UUID user = UUID.randomUUID();

		this.client.post()
			.uri("/api/intelligence/v1/chat?stream=false")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user))
			.header("X-Request-Id", "req-upstream-1")
			.bodyValue("{\"prompt\":\"hi\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", "req-upstream-1");

		LoggedRequest forwarded = only(UpstreamStub.intelligence());
		assertThat(forwarded.getUrl()).isEqualTo("/v1/chat?stream=false");
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"prompt\":\"hi\"}");
		assertThat(forwarded.getHeader("X-User-Id")).isEqualTo(user.toString());
		assertThat(forwarded.getHeader("X-User-Tier")).isEqualTo("pro");
		assertThat(forwarded.getHeader("X-Request-Id")).isEqualTo("req-upstream-1");
		assertThat(forwarded.getHeader("X-Client-Address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(VERIFIER.verify(forwarded.getHeader("X-Service-Token"), "intelligence").service())
			.isEqualTo("gateway");
		// The user is in the signed token too, not only in a header.
		assertThat(VERIFIER.verify(forwarded.getHeader("X-Service-Token"), "intelligence").userId())
			.isEqualTo(user.toString());
	}

	@Test
	void upstreamTokenWhenReplayedAtAnotherServiceThenRefusedThere() {
		UUID user = UUID.randomUUID();
		call("/api/intelligence/x", user).expectStatus().isOk();
		call("/api/memory/y", user).expectStatus().isOk();

		String toIntelligence = only(UpstreamStub.intelligence()).getHeader("X-Service-Token");
		String toMemory = only(UpstreamStub.memory()).getHeader("X-Service-Token");

		assertThat(VERIFIER.verify(toMemory, "memory").service()).isEqualTo("gateway");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> VERIFIER.verify(toIntelligence, "memory"));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> VERIFIER.verify(toIntelligence, "auth-billing"));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> VERIFIER.verify(toMemory, "intelligence"));
	}

	@Test
	void authBillingRoutesWhenUpstreamsConfiguredThenTokenStillForAuthBilling() {
		authBilling().stubFor(get(urlPathEqualTo("/auth/me")).willReturn(okJson("{}")));

		call("/api/auth/me", UUID.randomUUID()).expectStatus().isOk();

		assertThat(VERIFIER.verify(onlyForwardedRequest().getHeader("X-Service-Token"), "auth-billing").service())
			.isEqualTo("gateway");
	}

	@Test
	void upstreamWhenClientSpoofsIdentityAndForwardingHeadersThenOnlyTheGatewaysArrive() {
		UUID user = UUID.randomUUID();

		this.client.get()
			.uri("/api/memory/notes")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user))
			.header("X-User-Id", UUID.randomUUID().toString())
			.header("X-User-Tier", "enterprise")
			.header("X-User-Role", "admin")
			.header("x-user-email", "boss@example.com")
			.header("X-Service-Token", "forged")
			.header("X-Client-Address", "203.0.113.7")
			.header("X-Forwarded-For", "203.0.113.8")
			.header("Forwarded", "for=203.0.113.9")
			.header("X-Real-IP", "203.0.113.10")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = only(UpstreamStub.memory());
		assertThat(forwarded.getHeaders().getHeader("X-User-Id").values()).containsExactly(user.toString());
		assertThat(forwarded.getHeaders().getHeader("X-User-Tier").values()).containsExactly("pro");
		assertThat(forwarded.containsHeader("X-User-Role")).isFalse();
		assertThat(forwarded.containsHeader("X-User-Email")).isFalse();
		assertThat(forwarded.getHeaders().getHeader("X-Service-Token").values()).hasSize(1)
			.allSatisfy((token) -> assertThat(VERIFIER.verify(token, "memory").service()).isEqualTo("gateway"));
		assertThat(forwarded.getHeaders().getHeader("X-Client-Address").values()).hasSize(1)
			.allSatisfy((address) -> assertThat(address).isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));
		assertThat(forwarded.containsHeader("X-Forwarded-For")).isFalse();
		assertThat(forwarded.containsHeader("Forwarded")).isFalse();
		assertThat(forwarded.containsHeader("X-Real-IP")).isFalse();
	}

	@Test
	void upstreamWhenClientSendsCredentialsThenNoneReachTheUpstream() {
		UUID user = UUID.randomUUID();
		String bearer = "Bearer " + TestTokens.valid(user);

		for (String path : new String[] { "/api/intelligence/v1/chat", "/api/memory", "/api/memory/" }) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, bearer)
				.header(HttpHeaders.COOKIE, "session=abc; refresh=def")
				.header(HttpHeaders.PROXY_AUTHORIZATION, "Basic dXNlcjpwdw==")
				.exchange()
				.expectStatus()
				.isOk();
		}

		List<LoggedRequest> forwarded = new java.util.ArrayList<>(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl())));
		forwarded.addAll(UpstreamStub.memory().findAll(anyRequestedFor(anyUrl())));
		assertThat(forwarded).hasSize(3).allSatisfy((request) -> {
			assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).as("Authorization").isFalse();
			assertThat(request.containsHeader(HttpHeaders.COOKIE)).as("Cookie").isFalse();
			assertThat(request.containsHeader(HttpHeaders.PROXY_AUTHORIZATION)).as("Proxy-Authorization").isFalse();
			assertThat(request.getHeader("X-User-Id")).isEqualTo(user.toString());
		});
	}

	@Test
	void authBillingWhenClientSendsCredentialsThenTheyArriveUnchanged() {
		authBilling().stubFor(get(urlPathEqualTo("/auth/me")).willReturn(okJson("{}")));
		String bearer = "Bearer " + TestTokens.valid(UUID.randomUUID());

		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.header(HttpHeaders.COOKIE, "session=abc")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer);
		assertThat(forwarded.getHeader(HttpHeaders.COOKIE)).isEqualTo("session=abc");
	}

	@Test
	void upstreamWhenNoOrBadTokenThen401AndNothingForwarded() {
		assertProblem(this.client.get().uri("/api/intelligence/v1/models").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");
		assertProblem(this.client.get()
			.uri("/api/memory")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expired(UUID.randomUUID()))
			.exchange(), HttpStatus.UNAUTHORIZED, "invalid_token");

		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(UpstreamStub.memory().findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void upstreamWhenBarePrefixThenForwardedToRoot() {
		call("/api/memory", UUID.randomUUID()).expectStatus().isOk();

		assertThat(only(UpstreamStub.memory()).getUrl()).isEqualTo("/");
	}

	@Test
	void serviceWhenNotConfiguredThenNotFound() {
		assertProblem(call("/api/payments/charge", UUID.randomUUID()), HttpStatus.NOT_FOUND, "not_found");
	}

	@Test
	void upstreamWhenPathNamesWhatAuthBillingHasInternallyThenTheUpstreamGetsItWhole() {
		call("/api/intelligence/internal/users", UUID.randomUUID()).expectStatus().isOk();
		call("/api/intelligence/v1/usage/records", UUID.randomUUID()).expectStatus().isOk();

		assertThat(UpstreamStub.intelligence().findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
			.containsExactly("/internal/users", "/v1/usage/records");
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec call(String path, UUID user) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(user)).exchange();
	}

	private static LoggedRequest only(WireMockServer upstream) {
		List<LoggedRequest> requests = upstream.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
