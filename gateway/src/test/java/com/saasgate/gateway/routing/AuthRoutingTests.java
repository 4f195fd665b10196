package com.saasgate.gateway.routing;

import java.time.Clock;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.gateway.TestTokens;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** What auth-billing receives for {@code /api/auth/**}, and what the client gets back. */
class AuthRoutingTests extends GatewayTestSupport {

	private static final ServiceTokens SERVICE_TOKENS = TestTokens.serviceTokenVerifier();

	@Test
	void loginWhenForwardedThenStripsApiPrefixAndReturnsUpstreamAnswer() {
		authBilling().stubFor(post(urlEqualTo("/auth/login?next=home")).willReturn(okJson("{\"accessToken\":\"a\"}")));

		this.client.post()
			.uri("/api/auth/login?next=home")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.accessToken")
			.isEqualTo("a");

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}");
	}

	@Test
	void requestWhenClientSpoofsGatewayHeadersThenUpstreamNeverSeesThem() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post()
			.uri("/api/auth/login")
			.header("X-User-Id", UUID.randomUUID().toString())
			.header("x-user-tier", "pro")
			.header("X-USER-Role", "admin")
			.header("X-Service-Token", "forged")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("x-user-"));
		assertThat(forwarded.getHeaders().getHeader("X-Service-Token").values()).hasSize(1)
			.doesNotContain("forged");
	}

	@Test
	void requestWhenForwardedThenCarriesValidGatewayServiceToken() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post().uri("/api/auth/refresh").bodyValue("{}").exchange().expectStatus().isOk();

		ServiceTokenClaims claims = SERVICE_TOKENS.verify(onlyForwardedRequest().getHeader("X-Service-Token"),
				"auth-billing");
		assertThat(claims.service()).isEqualTo("gateway");
		assertThat(claims.expiresAt()).isAfter(claims.issuedAt());
	}

	@Test
	void meWhenTokenValidThenForwardsUserIdFromTokenAndAuthorizationUnchanged() {
		authBilling().stubFor(get(urlEqualTo("/auth/me")).willReturn(okJson("{\"userId\":\"u\"}")));
		UUID userId = UUID.randomUUID();
		String token = TestTokens.valid(userId);

		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-User-Id", UUID.randomUUID().toString())
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeaders().getHeader("X-User-Id").values()).containsExactly(userId.toString());
		assertThat(forwarded.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
		SERVICE_TOKENS.verify(forwarded.getHeader("X-Service-Token"), "auth-billing");
	}

	@Test
	void logoutAllWhenTokenValidThenForwardedWithUserId() {
		authBilling().stubFor(post(urlEqualTo("/auth/logout-all")).willReturn(aResponse().withStatus(204)));
		UUID userId = UUID.randomUUID();

		this.client.post()
			.uri("/api/auth/logout-all")
			.header(HttpHeaders.AUTHORIZATION, "bearer " + TestTokens.valid(userId))
			.exchange()
			.expectStatus()
			.isNoContent();

		assertThat(onlyForwardedRequest().getHeader("X-User-Id")).isEqualTo(userId.toString());
	}

	@Test
	void requestWhenClientSendsSaneRequestIdThenEchoedAndForwarded() {
		// the upstream echoing its own copy must not produce two values
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}").withHeader("X-Request-Id", "req-42.a_b")));

		this.client.post()
			.uri("/api/auth/logout")
			.header("X-Request-Id", "req-42.a_b")
			.bodyValue("{}")
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-Id", "req-42.a_b");

		assertThat(onlyForwardedRequest().getHeader("X-Request-Id")).isEqualTo("req-42.a_b");
	}

	@Test
	void requestWhenRequestIdMissingOrUnsafeThenGatewayGeneratesOne() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		String generated = this.client.post()
			.uri("/api/auth/logout")
			.header("X-Request-Id", "<script>alert(1)</script>")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");

		assertThat(UUID.fromString(generated)).isNotNull();
		assertThat(onlyForwardedRequest().getHeader("X-Request-Id")).isEqualTo(generated);
	}

	@Test
	void requestWhenBodyIsNotUtf8ThenUpstreamReceivesSameBytes() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		byte[] body = new byte[512];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) (255 - (i % 256)); // 0xFF, 0xFE, ... 0x00: invalid UTF-8 throughout
		}

		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(onlyForwardedRequest().getBody()).isEqualTo(body);
	}

	@Test
	void unknownAuthPathWhenRequestedThenNotFoundAtTheGatewayAndNeverForwarded() {
		authBilling().stubFor(any(urlEqualTo("/auth/nope")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"code\":\"not_found\",\"detail\":\"from auth-billing\"}")));

		assertProblem(this.client.delete().uri("/api/auth/nope").exchange(), HttpStatus.NOT_FOUND, "not_found");

		assertNothingForwarded();
	}

	@Test
	void requestWhenBodyLargerThanLimitThenPayloadTooLarge() {
		assertProblem(this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[64 * 1024 + 1])
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "payload_too_large");

		assertNothingForwarded();
	}

}
