package com.saasgate.security.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code prod} check on the addresses the services hand to browsers and mails
 * ({@code CORS_ALLOWED_ORIGINS}, {@code FRONTEND_URL}, {@code GATEWAY_UPGRADE_URL}): their defaults
 * point at a developer's machine ({@code http://localhost:3000}), which in production would trust a
 * page on the visitor's own machine with credentials and send users to links that go nowhere. Any value
 * naming a loopback host (e.g. {@code localhost}, {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1},
 * {@code 0.0.0.0}) is refused, one line per variable, by name and never by value. Host names are
 * read as text; nothing is resolved.
 */
public final class LocalhostDefaults {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

	private LocalhostDefaults() {
	}

	/**
	 * @param values the value by variable name (a comma-separated list is checked entry by entry; a
	 * {@code null} or blank value is left to the other checks)
	 * @return one line per variable that names a loopback host, in the order given
	 */
	public static List<String> errors(Map<String, String> values) {
		List<String> errors = new ArrayList<>();
		values.forEach((variable, value) -> {
			if (value != null && List.of(value.split(",")).stream().map(String::strip).anyMatch(LocalhostDefaults::isLocal)) {
				errors.add(variable + " points at localhost, a development default; set the production address");
			}
		});
		return errors;
	}

	/** Whether {@code urlOrOrigin} ({@code https://host:port/path} or a bare host) names this machine. */
	static boolean isLocal(String urlOrOrigin) {
		if (urlOrOrigin.isEmpty()) {
			return false;
		}
		String host;
		try {
			URI uri = URI.create(urlOrOrigin.contains("://") ? urlOrOrigin : "http://" + urlOrOrigin);
			host = (uri.getHost() != null) ? uri.getHost() : uri.getAuthority();
		}
		catch (IllegalArgumentException ex) {
			return false; // not a URL at all: the services' own validation names that
		}
		if (host == null) {
			return false;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		if (lower.equals("localhost") || lower.endsWith(".localhost")) {
			return true;
		}
		if (!IPV4.matcher(lower).matches() && !IPV6.matcher(lower).matches()) {
			return false;
		}
		try {
			// A literal (checked above): InetAddress resolves nothing.
			InetAddress address = InetAddress.getByName(lower);
			return address.isLoopbackAddress() || address.isAnyLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
