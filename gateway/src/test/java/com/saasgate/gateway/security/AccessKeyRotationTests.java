package com.saasgate.gateway.security;

import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While {@code JWT_SECRET} is rotated, access tokens signed with {@code JWT_SECRET_PREVIOUS} still pass
 * the gateway; tokens signed with any other key do not.
 */
class AccessKeyRotationTests extends GatewayTestSupport {

	@Test
	void meWhenSignedWithPreviousKeyThenForwardedAsTheUser() {
		authBilling().stubFor(get(urlEqualTo("/auth/me")).willReturn(okJson("{\"userId\":\"u\"}")));
		UUID userId = UUID.randomUUID();

		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.signedWithPreviousKey(userId))
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeader("X-User-Id")).isEqualTo(userId.toString());
	}

	@Test
	void meWhenSignedWithCurrentKeyThenForwarded() {
		authBilling().stubFor(get(urlEqualTo("/auth/me")).willReturn(okJson("{\"userId\":\"u\"}")));

		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void meWhenSignedWithUnknownKeyThenInvalidToken() {
		var response = this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.signedWithUnknownKey(UUID.randomUUID()))
			.exchange();

		assertProblem(response, HttpStatus.UNAUTHORIZED, "invalid_token");
		assertNothingForwarded();
	}

}
