package com.saasgate.gateway.security;

import java.net.InetAddress;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of
 * one. IPv4 and IPv6 blocks never contain each other's addresses (IPv4-mapped IPv6 literals are
 * already IPv4 once {@link InetAddress} has parsed them). Spring Security's {@code IpAddressMatcher}
 * does the same but is a servlet {@code RequestMatcher}, which a WebFlux gateway cannot load.
 */
record Cidr(byte[] network, int prefixLength) {

	/** @throws IllegalArgumentException when {@code text} is not an address or block */
	static Cidr parse(String text) {
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		InetAddress parsed = IpLiteral.parse(address)
			.orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + address + "'"));
		byte[] bytes = parsed.getAddress();
		int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
		if (prefix < 0 || prefix > bytes.length * 8) {
			throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
		}
		return new Cidr(bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

}
