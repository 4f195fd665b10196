package com.saasgate.authbilling.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection split into what JDBC wants: {@code postgresql://user:pw@host:port/db?x=y}
 * (or {@code postgres://}) becomes {@code jdbc:postgresql://host:port/db?x=y} plus user and password;
 * a {@code jdbc:postgresql:} URL passes through with its own credentials.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");

	/** @throws IllegalArgumentException naming DATABASE_URL, without echoing the password */
	public static DatabaseUrl parse(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("DATABASE_URL must be set");
		}
		String trimmed = url.strip();
		if (trimmed.startsWith("jdbc:postgresql:")) {
			return new DatabaseUrl(trimmed, null, null);
		}
		if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
			throw new IllegalArgumentException(
					"DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:");
		}
		try {
			URI uri = new URI(trimmed);
			if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
				throw new IllegalArgumentException("DATABASE_URL must name a host and a database");
			}
			String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
			String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
			String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
			String user = null;
			String password = null;
			if (uri.getRawUserInfo() != null) {
				String[] parts = uri.getRawUserInfo().split(":", 2);
				user = decode(parts[0]);
				password = (parts.length == 2) ? decode(parts[1]) : null;
			}
			return new DatabaseUrl(jdbc, user, password);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
		}
	}

	/** The JDBC URL and user, for logs; a password in the URL's query is masked. */
	public String redacted() {
		return PASSWORD_PARAMETER.matcher(this.jdbcUrl).replaceAll("$1****")
				+ ((this.username != null) ? " as " + this.username : "");
	}

	@Override
	public String toString() {
		return "DatabaseUrl[" + redacted() + "]";
	}

	/** Percent-decoding of RFC 3986 userinfo: unlike a form, a '+' there is a plus, not a space. */
	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
