package com.saasgate.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict parsing of an IP address written as text, as proxies write hops in {@code X-Forwarded-For}:
 * IPv4 dotted quads (with an optional {@code :port}) and IPv6 literals (optionally in brackets, with an
 * optional {@code :port} after them). Anything else, a host name above all, is refused without a DNS
 * lookup: {@link InetAddress#getByName} resolves names, and a header must never make the gateway do
 * that.
 */
final class IpLiteral {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](:\\d{1,5})?");

	private IpLiteral() {
	}

	/** The address {@code text} writes, or empty when it is not an IP literal. */
	static Optional<InetAddress> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String literal = text.strip();
		var bracketed = BRACKETED_IPV6.matcher(literal);
		if (bracketed.matches()) {
			literal = bracketed.group(1);
		}
		else {
			var withPort = IPV4_WITH_PORT.matcher(literal);
			if (withPort.matches()) {
				literal = withPort.group(1);
			}
		}
		if (IPV4.matcher(literal).matches() || (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches())) {
			try {
				// A literal: no lookup happens.
				return Optional.of(InetAddress.getByName(literal));
			}
			catch (UnknownHostException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

}
