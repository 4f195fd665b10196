package com.saasgate.authbilling.web;

import java.time.Clock;
import java.time.Duration;

import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.security.Headers;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	private final ServiceTokens serviceTokens = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, Clock.systemUTC());

	private final ClientAddress clientAddress = new ClientAddress(this.serviceTokens);

	@Test
	void ofWhenSentByGatewayThenUsesTheAddressItResolved() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader(Headers.SERVICE_TOKEN, token("gateway"));

		assertThat(this.clientAddress.of(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void ofWhenForwardedHeaderWithoutGatewayTokenThenIgnoresIt() {
		assertThat(this.clientAddress.of(request("203.0.113.9"))).isEqualTo("10.0.0.5");
	}

	@Test
	void ofWhenServiceTokenFromAnotherServiceOrForgedThenIgnoresForwardedHeader() {
		MockHttpServletRequest other = request("203.0.113.9");
		other.addHeader(Headers.SERVICE_TOKEN, token("intelligence"));
		MockHttpServletRequest forged = request("203.0.113.9");
		forged.addHeader(Headers.SERVICE_TOKEN, "forged");

		assertThat(this.clientAddress.of(other)).isEqualTo("10.0.0.5");
		assertThat(this.clientAddress.of(forged)).isEqualTo("10.0.0.5");
	}

	private String token(String service) {
		return this.serviceTokens.issue(service, "auth-billing", null, Duration.ofMinutes(1));
	}

	private static MockHttpServletRequest request(String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
		request.setRemoteAddr("10.0.0.5");
		request.addHeader(Headers.CLIENT_ADDRESS, forwardedFor);
		request.addHeader("X-Forwarded-For", "192.0.2.1");
		return request;
	}

}
