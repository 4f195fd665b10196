package com.saasgate.gateway.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Routes that need a user refuse every token that is not a current access token of ours. */
class UserAuthenticationTests extends GatewayTestSupport {

	private static final UUID USER = UUID.randomUUID();

	@Test
	void meWhenNoAuthorizationThenAuthenticationRequired() {
		WebTestClient.ResponseSpec response = this.client.get().uri("/api/auth/me").exchange();

		assertProblem(response, HttpStatus.UNAUTHORIZED, "authentication_required");
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		assertNothingForwarded();
	}

	@Test
	void meWhenOtherSchemeThenAuthenticationRequired() {
		assertProblem(me("Basic YWRhOnNlY3JldA=="), HttpStatus.UNAUTHORIZED, "authentication_required");
		assertNothingForwarded();
	}

	@Test
	void logoutAllWhenNoAuthorizationThenAuthenticationRequired() {
		assertProblem(this.client.post().uri("/api/auth/logout-all").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");
		assertNothingForwarded();
	}

	@Test
	void meWhenTokenGarbageThenInvalidToken() {
		assertInvalidToken(me("Bearer not-a-jwt"));
	}

	@Test
	void meWhenBearerEmptyThenInvalidToken() {
		assertInvalidToken(me("Bearer "));
	}

	@Test
	void meWhenTokenExpiredThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.expired(USER)));
	}

	@Test
	void meWhenRefreshTokenThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.refreshKind(USER)));
	}

	@Test
	void meWhenAlgNoneThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.unsigned(USER)));
	}

	@Test
	void meWhenSignedWithHs512ThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.hs512(USER)));
		// JWT_SECRET, which signed access tokens before, verifies none now.
		assertInvalidToken(me("Bearer " + TestTokens.hs256WithOldSecret(USER)));
	}

	@Test
	void meWhenWrongIssuerThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.wrongIssuer(USER)));
	}

	@Test
	void meWhenWrongAudienceThenInvalidToken() {
		assertInvalidToken(me("Bearer " + TestTokens.wrongAudience(USER)));
	}

	@Test
	void meWithTrailingSlashWhenNoTokenThenStillAuthenticationRequired() {
		assertProblem(this.client.get().uri("/api/auth/me/").exchange(), HttpStatus.UNAUTHORIZED,
				"authentication_required");
		assertNothingForwarded();
	}

	@Test
	void meWhenTwoAuthorizationHeadersThenInvalidToken() {
		assertInvalidToken(this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(USER), "Bearer other")
			.exchange());
	}

	private WebTestClient.ResponseSpec me(String authorization) {
		return this.client.get().uri("/api/auth/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	private void assertInvalidToken(WebTestClient.ResponseSpec response) {
		assertProblem(response, HttpStatus.UNAUTHORIZED, "invalid_token");
		response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> org.assertj.core.api.Assertions
			.assertThat(value).startsWith("Bearer").contains("invalid_token"));
		assertNothingForwarded();
	}

}
