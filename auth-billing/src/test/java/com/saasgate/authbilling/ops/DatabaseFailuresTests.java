package com.saasgate.authbilling.ops;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database's availability, as HikariCP, pgJDBC and Spring report them. */
class DatabaseFailuresTests {

	private static final String POOL_TIMEOUT = "auth-billing - Connection is not available, request timed out after 2000ms (total=20, active=20, idle=0, waiting=3)";

	@Test
	void kindWhenPoolTimesOutWithoutAConnectionFailureThenPoolExhausted() {
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(POOL_TIMEOUT);

		assertThat(DatabaseFailures.kind(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout)))
			.isEqualTo(DatabaseFailures.Kind.POOL_EXHAUSTED);
		assertThat(DatabaseFailures.kind(new CannotCreateTransactionException("Could not open JDBC Connection", timeout)))
			.isEqualTo(DatabaseFailures.Kind.POOL_EXHAUSTED);
	}

	@Test
	void kindWhenPoolTimesOutBecausePostgresRefusesThenUnavailable() {
		SQLException refused = new SQLException("Connection to localhost:5432 refused.", "08001",
				new ConnectException("Connection refused"));
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(POOL_TIMEOUT, "08001", refused);

		assertThat(DatabaseFailures.kind(new CannotCreateTransactionException("Could not open JDBC Connection", timeout)))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
	}

	@Test
	void kindWhenConnectionDiesMidTransactionThenUnavailable() {
		SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");

		assertThat(DatabaseFailures.kind(new DataAccessResourceFailureException("PreparedStatementCallback", terminated)))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
		assertThat(DatabaseFailures.kind(new UncategorizedSQLException("insert", "INSERT", io)))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
		assertThat(DatabaseFailures.kind(new TransactionSystemException("JDBC rollback failed")))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
		assertThat(DatabaseFailures.kind(new QueryTimeoutException("statement timeout")))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
		assertThat(DatabaseFailures.kind(new IllegalStateException("wrapped", new TransactionSystemException("x"))))
			.isEqualTo(DatabaseFailures.Kind.UNAVAILABLE);
	}

	@Test
	void kindWhenFailureIsNotAboutAvailabilityThenOther() {
		assertThat(DatabaseFailures.kind(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isEqualTo(DatabaseFailures.Kind.OTHER);
		assertThat(DatabaseFailures.kind(new IllegalStateException("a bug"))).isEqualTo(DatabaseFailures.Kind.OTHER);
		assertThat(DatabaseFailures.isUnavailable(new UncategorizedSQLException("select", "SELECT",
				new SQLException("syntax error", "42601")))).isFalse();
	}

}
