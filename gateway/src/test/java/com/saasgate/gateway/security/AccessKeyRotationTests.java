package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.AuthBillingStub;
import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.TestSecrets;
import com.saasgate.gateway.TestTokens;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.SigningKeys;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway verifies access tokens with the public keys of auth-billing's JWKS: both keys of a
 * rotation, a key published after the gateway last fetched (it fetches again on an unknown {@code kid}),
 * and nothing else: not a key the JWKS does not hold, and not while the JWKS cannot be fetched.
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
	void meWhenSignedWithUnknownKeyThenJwksFetchedAgainAndInvalidToken() {
		var response = this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.signedWithUnknownKey(UUID.randomUUID()))
			.exchange();

		assertProblem(response, HttpStatus.UNAUTHORIZED, "invalid_token");
		assertNothingForwarded();
		authBilling().verify(getRequestedFor(urlEqualTo(AuthBillingStub.JWKS_PATH)));
	}

	@Test
	void meWhenSignedWithAKeyPublishedSinceTheLastFetchThenForwarded() {
		SigningKeys next = SigningKeys.generate();
		authBilling().stubFor(get(urlEqualTo(AuthBillingStub.JWKS_PATH)).atPriority(AuthBillingStub.TIER_PRIORITY)
			.willReturn(okJson(JwkText.jwksJson(new SigningKeys(next.privateJwk(),
					new SigningKeys(TestSecrets.JWT_SIGNING_KEY, null).publicKeys()).publicKeys()))));
		authBilling().stubFor(get(urlEqualTo("/auth/me")).willReturn(okJson("{\"userId\":\"u\"}")));

		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(next))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void meWhenKeyUnknownAndJwksUnreachableThenInvalidTokenAndKnownKeysStillVerify() {
		authBilling().stubFor(get(urlEqualTo("/auth/me")).willReturn(okJson("{\"userId\":\"u\"}")));
		// The keys are held once a token was verified...
		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isOk();
		// ... then auth-billing's JWKS fails.
		authBilling().stubFor(get(urlEqualTo(AuthBillingStub.JWKS_PATH)).atPriority(AuthBillingStub.TIER_PRIORITY)
			.willReturn(serverError()));
		authBilling().resetRequests();

		var refused = this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(SigningKeys.generate()))
			.exchange();

		assertProblem(refused, HttpStatus.UNAUTHORIZED, "invalid_token");
		assertNothingForwarded();
		authBilling().verify(getRequestedFor(urlEqualTo(AuthBillingStub.JWKS_PATH)));
		this.client.get()
			.uri("/api/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.valid(UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static String token(SigningKeys keys) {
		return new AccessTokens(keys, TestSecrets.ISSUER, TestSecrets.AUDIENCE, Duration.ofMinutes(15), Duration.ZERO,
				Clock.systemUTC())
			.issue(UUID.randomUUID(), "ada@example.com", "user")
			.token();
	}

}
