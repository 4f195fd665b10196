package com.saasgate.gateway.error;

import org.junit.jupiter.api.Test;

import com.saasgate.gateway.GatewayTestSupport;

import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/** auth-billing too slow: 504, not a hanging client. */
@TestPropertySource(properties = "GATEWAY_UPSTREAM_RESPONSE_TIMEOUT=300ms")
class UpstreamTimeoutTests extends GatewayTestSupport {

	@Test
	void loginWhenAuthBillingTooSlowThenGatewayTimeoutProblem() {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(2_000)));

		assertProblem(this.client.post().uri("/api/auth/login").bodyValue("{}").exchange(), HttpStatus.GATEWAY_TIMEOUT,
				"upstream_unavailable");
	}

}
