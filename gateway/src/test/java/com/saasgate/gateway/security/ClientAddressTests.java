package com.saasgate.gateway.security;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** With no trusted proxies (the default), the client is the TCP peer whatever it claims. */
class ClientAddressTests extends GatewayTestSupport {

	static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

	@Test
	void loginWhenClientSendsForwardingHeadersThenUpstreamGetsOnlyTheTcpPeer() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post()
			.uri("/api/auth/login")
			.header("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
			.header("X-Forwarded-For", "192.0.2.44")
			.header("Forwarded", "for=192.0.2.60;proto=https")
			.header("X-Real-IP", "192.0.2.61")
			.header("True-Client-IP", "192.0.2.62")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("x-client-address", "192.0.2.63")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyForwardedRequest();
		assertThat(forwarded.getHeaders().keys()).map(String::toLowerCase)
			.noneMatch((name) -> name.startsWith("x-forwarded-"))
			.doesNotContain("forwarded", "x-real-ip", "true-client-ip");
		assertThat(forwarded.getHeaders().getHeader("X-Client-Address").values()).hasSize(1)
			.allSatisfy((address) -> assertThat(address).isIn(LOOPBACK));
	}

	@Test
	void loginWhenNoForwardingHeadersThenUpstreamStillGetsTheTcpPeer() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		this.client.post().uri("/api/auth/register").bodyValue("{}").exchange().expectStatus().isOk();

		assertThat(onlyForwardedRequest().getHeader("X-Client-Address")).isIn(LOOPBACK);
	}

}
