package com.saasgate.devsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A JDBC connection to a suite's PostgreSQL, for tests and benchmarks that read what the services stored. */
public final class Jdbc {

	private Jdbc() {
	}

	/**
	 * Connects to {@code databaseUrl} as the services take {@code DATABASE_URL}: the platforms' form
	 * ({@code postgresql://user:password@host:port/db?params}) or a JDBC URL.
	 */
	public static Connection connect(String databaseUrl) throws SQLException {
		if (databaseUrl.startsWith("jdbc:")) {
			return DriverManager.getConnection(databaseUrl);
		}
		URI uri = URI.create(databaseUrl);
		String[] user = (uri.getUserInfo() != null) ? uri.getUserInfo().split(":", 2) : new String[] { "postgres", "" };
		return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":"
				+ ((uri.getPort() > 0) ? uri.getPort() : 5432) + uri.getPath()
				+ ((uri.getQuery() != null) ? "?" + uri.getQuery() : ""), user[0], (user.length > 1) ? user[1] : "");
	}

}
