package com.saasgate.gateway.security;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saasgate.devsupport.MutableClock;
import com.saasgate.security.jwt.JwkText;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.jwt.UnknownKeyException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWKS fetches: rate-limited, shared, and never turning a failure into an accepted key. */
class AccessTokenKeysTests {

	private static final String PATH = "/.well-known/jwks.json";

	private final SigningKeys first = SigningKeys.generate();

	private final SigningKeys second = SigningKeys.generate();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

	private WireMockServer authBilling;

	private AccessTokenKeys keys;

	@BeforeEach
	void start() {
		this.authBilling = new WireMockServer(options().dynamicPort());
		this.authBilling.start();
		serve(this.first);
		this.keys = new AccessTokenKeys(this.authBilling.baseUrl() + PATH, Duration.ofSeconds(30), Duration.ofMinutes(5),
				this.clock);
	}

	@AfterEach
	void stop() {
		this.authBilling.stop();
	}

	@Test
	void keyForWhenNothingFetchedThenUnknown() {
		assertThatThrownBy(() -> this.keys.keyFor(this.first.currentKeyId())).isInstanceOf(UnknownKeyException.class);
		assertThat(this.keys.publicKeys()).isEmpty();
	}

	@Test
	void refreshWhenFetchedThenTheKeysOfTheJwks() {
		assertThat(this.keys.refresh().block()).isTrue();

		assertThat(this.keys.keyFor(this.first.currentKeyId())).isEqualTo(this.first.publicKeys().get(0));
		assertThat(this.keys.refresh().block()).isFalse();
	}

	@Test
	void refreshWhenAskedAgainWithinTheMinimumIntervalThenNoSecondFetch() {
		this.keys.refresh().block();
		serve(this.second);

		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.keys.refresh().block()).isFalse();
		this.authBilling.verify(1, getRequestedFor(urlEqualTo(PATH)));
		assertThatThrownBy(() -> this.keys.keyFor(this.second.currentKeyId())).isInstanceOf(UnknownKeyException.class);

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.keys.refresh().block()).isTrue();
		this.authBilling.verify(2, getRequestedFor(urlEqualTo(PATH)));
		assertThat(this.keys.keyFor(this.second.currentKeyId())).isNotNull();
		// Retired from the JWKS: no longer held.
		assertThatThrownBy(() -> this.keys.keyFor(this.first.currentKeyId())).isInstanceOf(UnknownKeyException.class);
	}

	@Test
	void refreshWhenFetchFailsThenKeysKeptAndNothingNewAccepted() {
		this.keys.refresh().block();
		this.authBilling.stubFor(get(urlEqualTo(PATH)).willReturn(serverError()));
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.keys.refresh().block()).isFalse();

		assertThat(this.keys.keyFor(this.first.currentKeyId())).isNotNull();
		assertThatThrownBy(() -> this.keys.keyFor(this.second.currentKeyId())).isInstanceOf(UnknownKeyException.class);
	}

	@Test
	void refreshWhenJwksHoldsGarbageThenNothingAccepted() {
		this.authBilling.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}")));

		assertThat(this.keys.refresh().block()).isFalse();

		assertThat(this.keys.publicKeys()).isEmpty();
	}

	@Test
	void refreshIfStaleWhenOlderThanMaxAgeThenFetchesInTheBackground() {
		this.keys.refresh().block();
		serve(this.second);

		this.clock.advance(Duration.ofMinutes(4));
		this.keys.refreshIfStale();
		this.clock.advance(Duration.ofMinutes(2));
		this.keys.refreshIfStale();

		org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(this.keys.publicKeys()).extracting((k) -> k.getId())
			.containsExactly(this.second.currentKeyId()));
		this.authBilling.verify(2, getRequestedFor(urlEqualTo(PATH)));
	}

	private void serve(SigningKeys keys) {
		this.authBilling.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(JwkText.jwksJson(keys.publicKeys()))));
	}

}
