package com.saasgate.devsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outage tests' database outage: the embedded server stops and comes back on its port, data kept. */
class PostgresServerTests {

	@Test
	void stopWhenRestartedThenSamePortAndDataAndSettings() throws Exception {
		try (PostgresServer postgres = PostgresServer.start()) {
			int port = postgres.port();
			try (Connection db = connect(postgres); Statement statement = db.createStatement()) {
				statement.execute("CREATE TABLE kept (name text)");
				statement.execute("INSERT INTO kept VALUES ('ada')");
			}

			postgres.stop();
			assertThat(postgres.isStopped()).isTrue();
			assertThatThrownBy(() -> connect(postgres).close()).isInstanceOf(SQLException.class)
				.hasMessageContaining("refused");

			postgres.restart();
			assertThat(postgres.isStopped()).isFalse();
			assertThat(postgres.port()).isEqualTo(port);
			try (Connection db = connect(postgres); Statement statement = db.createStatement()) {
				assertThat(single(statement, "SELECT name FROM kept")).isEqualTo("ada");
				assertThat(single(statement, "SHOW max_connections")).isEqualTo("200");
			}
		}
	}

	private static Connection connect(PostgresServer postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
	}

}
