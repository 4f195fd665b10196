package com.saasgate.e2e;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A JDBC connection to a suite's PostgreSQL, from its {@code DATABASE_URL} (a platform URL or a JDBC one). */
final class Database {

	private Database() {
	}

	static Connection connect(String url) throws SQLException {
		if (url.startsWith("jdbc:")) {
			return DriverManager.getConnection(url);
		}
		URI uri = URI.create(url);
		String[] user = (uri.getUserInfo() != null) ? uri.getUserInfo().split(":", 2) : new String[] { "postgres", "" };
		return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":"
				+ ((uri.getPort() > 0) ? uri.getPort() : 5432) + uri.getPath()
				+ ((uri.getQuery() != null) ? "?" + uri.getQuery() : ""), user[0], (user.length > 1) ? user[1] : "");
	}

}
