package com.saasgate.authbilling.ops;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database outage from a bug. An outage (PostgreSQL stopped, restarting or unreachable, a
 * connection cut mid-transaction, a statement timed out) is temporary and nobody's fault: a request
 * answers {@code 503} with {@code Retry-After}, a scheduled job says so once. Everything else (a
 * constraint, bad SQL) is a real failure and is reported as one.
 */
public final class DatabaseFailures {

	/** What a failure says about the database. */
	public enum Kind {

		/** Every pooled connection is busy and PostgreSQL is fine: more load than the pool carries. */
		POOL_EXHAUSTED,

		/** PostgreSQL cannot be reached or dropped the connection. */
		UNAVAILABLE,

		/** Anything else: not the database's availability. */
		OTHER

	}

	private DatabaseFailures() {
	}

	/** Whether {@code failure} (or a cause of it) is an outage or an exhausted pool. */
	public static boolean isUnavailable(Throwable failure) {
		return kind(failure) != Kind.OTHER;
	}

	public static Kind kind(Throwable failure) {
		boolean wrapper = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException && cause.getCause() == null && isPoolTimeout(cause)) {
				// HikariCP's timeout carries the last failure to connect; without one the pool was just full
				return Kind.POOL_EXHAUSTED;
			}
			if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof java.net.ConnectException) {
				return Kind.UNAVAILABLE;
			}
			wrapper |= cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException;
		}
		// a commit or rollback that failed, a resource failure without a SQL state: the connection is gone
		return wrapper ? Kind.UNAVAILABLE : Kind.OTHER;
	}

	/**
	 * Whether the connection itself is gone (closed, cut, refused), as opposed to a statement failing on
	 * a live one: then nothing is left to roll back.
	 */
	public static boolean isConnectionLost(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof java.net.ConnectException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isPoolTimeout(Throwable failure) {
		return String.valueOf(failure.getMessage()).contains("Connection is not available");
	}

	/**
	 * Class 08 (connection exception), 57P01-57P03 (administrator or crash shutdown, cannot connect
	 * now), 53300 (too many connections).
	 */
	private static boolean isConnectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
	}

}
