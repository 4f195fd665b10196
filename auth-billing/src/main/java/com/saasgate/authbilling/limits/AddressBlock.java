package com.saasgate.authbilling.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The block a client address is counted under by every limit keyed by address: an IPv4 address
 * alone, an IPv6 address by its {@code /64}. One IPv6 subscriber or server is handed a whole
 * {@code /64} (RFC 6177, and SLAAC needs one per link), so counting per address would give it 2^64
 * fresh budgets; the {@code /64} is the IPv6 equivalent of one IPv4 address. An IPv4-mapped IPv6
 * address ({@code ::ffff:192.0.2.1}) counts as the IPv4 address it is.
 */
public final class AddressBlock {

	/** Literals only: hex, colons, dots, and a zone id after {@code %}; never a host name to resolve. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?");

	private AddressBlock() {
	}

	/** The key for {@code address}; a value that is not an IP literal is its own key, as before. */
	public static String of(String address) {
		if (address == null || address.length() > 64 || !LITERAL.matcher(address).matches()) {
			return address;
		}
		String literal = address.contains("%") ? address.substring(0, address.indexOf('%')) : address;
		InetAddress parsed;
		try {
			// Only literals get here, and InetAddress does not resolve a literal.
			parsed = InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			return address;
		}
		if (!(parsed instanceof Inet6Address)) {
			return parsed.getHostAddress(); // IPv4, including what was written as IPv4-mapped IPv6
		}
		byte[] bytes = parsed.getAddress();
		StringBuilder block = new StringBuilder();
		for (int group = 0; group < 4; group++) {
			block.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff))).append(':');
		}
		return block.append(":/64").toString();
	}

}
