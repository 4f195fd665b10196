package com.saasgate.gateway.security;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** The test client stands in for a load balancer: its loopback address is a trusted proxy here. */
@TestPropertySource(properties = "TRUSTED_PROXIES=127.0.0.1/32, ::1, 10.0.0.0/8")
class TrustedProxyClientAddressTests extends GatewayTestSupport {

	@Test
	void loginWhenTrustedProxyAppendedAHopThenThatHopIsTheClient() {
		assertThat(clientAddressForwardedFor("203.0.113.9")).isEqualTo("203.0.113.9");
	}

	@Test
	void loginWhenClientPrependedFakeHopsThenTheProxysHopStillWins() {
		assertThat(clientAddressForwardedFor("1.2.3.4, 5.6.7.8, 203.0.113.9")).isEqualTo("203.0.113.9");
	}

	@Test
	void loginWhenSeveralTrustedProxiesThenFirstUntrustedHopFromTheRight() {
		assertThat(clientAddressForwardedFor("1.2.3.4, 203.0.113.9, 10.1.2.3, 10.0.0.7")).isEqualTo("203.0.113.9");
	}

	@Test
	void loginWhenHopIsGarbageThenCountsTheProxyNotTheClaim() {
		assertThat(clientAddressForwardedFor("203.0.113.9, evil.example.com")).isIn(ClientAddressTests.LOOPBACK);
	}

	@Test
	void loginWhenTrustedProxySendsNoHopThenThePeer() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		this.client.post().uri("/api/auth/login").bodyValue("{}").exchange().expectStatus().isOk();

		assertThat(onlyForwardedRequest().getHeader("X-Client-Address")).isIn(ClientAddressTests.LOOPBACK);
	}

	private String clientAddressForwardedFor(String forwardedFor) {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));
		this.client.post()
			.uri("/api/auth/login")
			.header("X-Forwarded-For", forwardedFor)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		var forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeaders().keys()).map(String::toLowerCase).doesNotContain("x-forwarded-for");
		return forwarded.getHeader("X-Client-Address");
	}

}
