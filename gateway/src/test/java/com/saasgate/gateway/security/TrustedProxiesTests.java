package com.saasgate.gateway.security;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	private static final InetAddress PROXY = address("10.0.0.2");

	private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8:1::/48"));

	@Test
	void clientOfWhenPeerNotTrustedThenPeerWhateverTheHeaderSays() {
		InetAddress peer = address("203.0.113.9");

		assertThat(this.proxies.clientOf(peer, List.of("198.51.100.1"))).isEqualTo(peer);
	}

	@Test
	void clientOfWhenNoProxiesConfiguredThenAlwaysThePeer() {
		assertThat(TrustedProxies.of(List.of()).clientOf(PROXY, List.of("198.51.100.1"))).isEqualTo(PROXY);
		assertThat(TrustedProxies.of(List.of("", " ")).isEmpty()).isTrue();
	}

	@Test
	void clientOfWhenPeerTrustedThenRightMostUntrustedHop() {
		assertThat(this.proxies.clientOf(PROXY, List.of("192.0.2.1, 198.51.100.1", "10.9.9.9")))
			.isEqualTo(address("198.51.100.1"));
	}

	@Test
	void clientOfWhenEveryHopTrustedThenLeftMostHop() {
		assertThat(this.proxies.clientOf(PROXY, List.of("10.1.1.1, 10.2.2.2"))).isEqualTo(address("10.1.1.1"));
	}

	@Test
	void clientOfWhenHopsHavePortsOrBracketsThenAddressOnly() {
		assertThat(this.proxies.clientOf(PROXY, List.of("198.51.100.1:4711"))).isEqualTo(address("198.51.100.1"));
		assertThat(this.proxies.clientOf(PROXY, List.of("[2001:db8:2::5]:443"))).isEqualTo(address("2001:db8:2::5"));
	}

	@Test
	void clientOfWhenIpv6ProxyThenMatchedByPrefix() {
		assertThat(this.proxies.clientOf(address("2001:db8:1::7"), List.of("2001:db8:2::5, 2001:db8:1:ffff::1")))
			.isEqualTo(address("2001:db8:2::5"));
	}

	@Test
	void clientOfWhenHopIsNotAnAddressThenLastGoodAddress() {
		assertThat(this.proxies.clientOf(PROXY, List.of("198.51.100.1, unknown"))).isEqualTo(PROXY);
		assertThat(this.proxies.clientOf(PROXY, List.of("198.51.100.1, 10.3.3.3, ,"))).isEqualTo(PROXY);
	}

	@Test
	void clientOfWhenThousandsOfTrustedHopsThenReadsOnlyTheLastOnes() {
		String hops = String.join(",", Collections.nCopies(5000, "10.0.0.1"));

		assertThat(this.proxies.clientOf(PROXY, List.of("198.51.100.1," + hops))).isEqualTo(address("10.0.0.1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com", "1.2.3", "256.1.1.1", "1.2.3.4.5", "::g", "", "01.2.3.4" })
	void parseWhenNotAnIpLiteralThenEmptyWithoutLookup(String text) {
		assertThat(IpLiteral.parse(text)).isEmpty();
	}

	@Test
	void parseWhenIpv4MappedIpv6ThenIpv4() {
		assertThat(IpLiteral.parse("::ffff:198.51.100.1")).contains(address("198.51.100.1"));
	}

	@Test
	void cidrWhenPrefixNotOnByteBoundaryThenMasksBits() {
		Cidr block = Cidr.parse("192.0.2.64/26");

		assertThat(block.contains(address("192.0.2.64"))).isTrue();
		assertThat(block.contains(address("192.0.2.127"))).isTrue();
		assertThat(block.contains(address("192.0.2.128"))).isFalse();
		assertThat(block.contains(address("192.0.2.63"))).isFalse();
		assertThat(block.contains(address("::ffff:c000:240"))).isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").contains(address("203.0.113.1"))).isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").contains(address("2001:db8::1"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/33", "2001:db8::/129", "example.com/8", "10.0.0.0/-1", "300.0.0.0/8" })
	void cidrWhenInvalidThenRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text));
	}

	private static InetAddress address(String literal) {
		return IpLiteral.parse(literal).orElseThrow();
	}

}
