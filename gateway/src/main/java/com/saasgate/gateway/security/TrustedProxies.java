package com.saasgate.gateway.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides who the client is: the TCP peer, unless the peer is a proxy named in
 * {@code TRUSTED_PROXIES}; then the right-most {@code X-Forwarded-For} hop that is not itself a trusted
 * proxy. Hops to the left of that one were written by the client and are never believed. A hop that is
 * not an IP literal ends the walk at the last address known good, so a broken or forged entry can only
 * make the gateway count the proxy, never an address of the client's choosing. At most
 * {@link #MAX_HOPS} hops are read, from the right.
 */
final class TrustedProxies {

	static final int MAX_HOPS = 32;

	private final List<Cidr> proxies;

	private TrustedProxies(List<Cidr> proxies) {
		this.proxies = proxies;
	}

	/** @param cidrs addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); validated before */
	static TrustedProxies of(List<String> cidrs) {
		List<Cidr> matchers = new ArrayList<>();
		for (String cidr : cidrs) {
			if (!cidr.isBlank()) {
				matchers.add(Cidr.parse(cidr.strip()));
			}
		}
		return new TrustedProxies(List.copyOf(matchers));
	}

	boolean isEmpty() {
		return this.proxies.isEmpty();
	}

	/**
	 * @param peer the TCP peer
	 * @param forwardedFor every {@code X-Forwarded-For} value of the request, in order (may be empty)
	 */
	InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
		if (!trusted(peer)) {
			return peer;
		}
		List<String> hops = hops(forwardedFor);
		InetAddress nearest = peer;
		for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
			Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
			if (hop.isEmpty()) {
				return nearest;
			}
			if (!trusted(hop.get())) {
				return hop.get();
			}
			nearest = hop.get();
		}
		return nearest;
	}

	private boolean trusted(InetAddress address) {
		for (Cidr proxy : this.proxies) {
			if (proxy.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> hops(List<String> headerValues) {
		List<String> hops = new ArrayList<>();
		for (String value : headerValues) {
			for (String hop : value.split(",")) {
				hops.add(hop);
			}
		}
		return hops;
	}

}
