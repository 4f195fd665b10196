package com.saasgate.authbilling.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.saasgate.authbilling.support.TestSecrets;
import com.saasgate.security.Headers;
import com.saasgate.security.jwt.HmacKeys;
import com.saasgate.security.jwt.PublicKeySet;
import com.saasgate.security.jwt.SigningKeys;
import com.saasgate.security.servicetoken.ServiceKeys;
import com.saasgate.security.servicetoken.SignedServiceTokens;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	private static final String PEER = "10.0.0.5";

	private final ServiceKeys keys = new ServiceKeys(TestSecrets.SERVICE_JWT_SECRET,
			Map.of("gateway", TestSecrets.SERVICE_JWT_SECRET_GATEWAY));

	private final ServiceTokens serviceTokens = new ServiceTokens(this.keys, Clock.systemUTC());

	private final ClientAddress clientAddress = new ClientAddress(this.serviceTokens);

	@Test
	void ofWhenGatewayTokenSignedWithGatewayKeyThenUsesClientAddressHeader() {
		assertThat(this.clientAddress.of(request("203.0.113.9", gatewayToken()))).isEqualTo("203.0.113.9");
	}

	@Test
	void ofWhenIpv6LiteralFromGatewayThenCanonicalForm() {
		assertThat(this.clientAddress.of(request("2001:db8::7", gatewayToken()))).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(this.clientAddress.of(request("::ffff:203.0.113.9", gatewayToken()))).isEqualTo("203.0.113.9");
	}

	@Test
	void ofWhenGatewayTokenSignedWithTheGatewaysPrivateKeyThenUsesClientAddressHeader() {
		// As the gateway signs now: ES256, verified from SERVICE_PUBLIC_KEY_GATEWAY alone.
		ServiceTokens verifier = new ServiceTokens(new ServiceKeys(HmacKeys.of(TestSecrets.SERVICE_JWT_SECRET), Map.of(),
				Map.of("gateway", PublicKeySet.parse(TestSecrets.SERVICE_PUBLIC_KEY_GATEWAY).publicKeys())), Clock.systemUTC());
		String token = new SignedServiceTokens("gateway", new SigningKeys(TestSecrets.GATEWAY_SIGNING_KEY, null),
				Clock.systemUTC()).issue("auth-billing", null, Duration.ofMinutes(1));

		assertThat(new ClientAddress(verifier).of(request("203.0.113.9", token))).isEqualTo("203.0.113.9");
		// A shared-key token claiming the gateway is not believed there either.
		assertThat(new ClientAddress(verifier).of(request("203.0.113.9", new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET,
				Clock.systemUTC()).issue("gateway", "auth-billing", null, Duration.ofMinutes(1))))).isEqualTo(PEER);
	}

	@Test
	void ofWhenNoServiceTokenThenPeer() {
		assertThat(this.clientAddress.of(request("203.0.113.9", null))).isEqualTo(PEER);
	}

	@Test
	void ofWhenGatewayTokenSignedWithSharedKeyThenPeer() {
		// Anyone with SERVICE_JWT_SECRET can write iss=gateway; only the gateway's own key counts.
		ServiceTokens sharedOnly = new ServiceTokens(TestSecrets.SERVICE_JWT_SECRET, Clock.systemUTC());
		String token = sharedOnly.issue("gateway", "auth-billing", null, Duration.ofMinutes(1));
		ClientAddress withoutGatewayKey = new ClientAddress(sharedOnly);

		assertThat(this.clientAddress.of(request("203.0.113.9", token))).isEqualTo(PEER);
		assertThat(withoutGatewayKey.of(request("203.0.113.9", token))).isEqualTo(PEER);
	}

	@Test
	void ofWhenTokenOfAnotherServiceOrForgedOrForAnotherAudienceThenPeer() {
		assertThat(this.clientAddress.of(request("203.0.113.9",
				this.serviceTokens.issue("intelligence", "auth-billing", null, Duration.ofMinutes(1))))).isEqualTo(PEER);
		assertThat(this.clientAddress.of(request("203.0.113.9", "forged"))).isEqualTo(PEER);
		assertThat(this.clientAddress.of(request("203.0.113.9",
				this.serviceTokens.issue("gateway", "memory", null, Duration.ofMinutes(1))))).isEqualTo(PEER);
	}

	@Test
	void ofWhenOnlyXForwardedForThenIgnoredEvenFromGateway() {
		MockHttpServletRequest request = request(null, gatewayToken());
		request.addHeader("X-Forwarded-For", "203.0.113.9");

		assertThat(this.clientAddress.of(request)).isEqualTo(PEER);
	}

	@Test
	void ofWhenHeaderTwiceThenPeer() {
		MockHttpServletRequest request = request("203.0.113.9", gatewayToken());
		request.addHeader(Headers.CLIENT_ADDRESS, "198.51.100.7");

		assertThat(this.clientAddress.of(request)).isEqualTo(PEER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "example.com", "203.0.113", "203.0.113.256", "203.0.113.9, 10.0.0.1",
			"[2001:db8::7]", "fe80::1%eth0", "2001:db8::7::1", "1.2.3.4:80", "01.2.3.4", "0x7f.0.0.1", ":::" })
	void ofWhenHeaderIsNotOneIpLiteralThenPeer(String value) {
		assertThat(this.clientAddress.of(request(value, gatewayToken()))).isEqualTo(PEER);
	}

	private String gatewayToken() {
		return this.serviceTokens.issue("gateway", "auth-billing", null, Duration.ofMinutes(1));
	}

	private static MockHttpServletRequest request(String clientAddress, String serviceToken) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
		request.setRemoteAddr(PEER);
		if (clientAddress != null) {
			request.addHeader(Headers.CLIENT_ADDRESS, clientAddress);
		}
		if (serviceToken != null) {
			request.addHeader(Headers.SERVICE_TOKEN, serviceToken);
		}
		return request;
	}

}
