package com.saasgate.gateway.error;

import java.io.IOException;

import com.saasgate.gateway.GatewayTestSupport;
import com.saasgate.gateway.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** Request-targets that are not URIs: a problem document, as for any other bad request, and nothing forwarded. */
class MalformedTargetTests extends GatewayTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/me?a=%zz", "/api/auth/me?a=%", "/api/auth/me?a=%f", "/api/memory/%zz",
			"/api/memory/%", "/api/billing/plans?x=%g1&y=1", "/api/auth/..\\internal\\x", "/api/auth/me?a=b%" })
	void requestWhenTargetIsNotAUriThenInvalidRequestProblem(String target) throws IOException {
		authBilling().stubFor(any(anyUrl()).willReturn(okJson("{}")));

		RawHttp.Response response = RawHttp.get(this.port, target);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.headers()).contains("content-type: application/problem+json").contains("x-request-id:");
		assertThat(response.body()).contains("\"code\":\"invalid_request\"").contains("\"status\":400");
		assertNothingForwarded();
	}

}
