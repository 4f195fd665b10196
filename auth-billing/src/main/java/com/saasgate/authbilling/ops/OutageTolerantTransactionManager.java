package com.saasgate.authbilling.ops;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Boot's JDBC transaction manager, except that a rollback on a connection the database already dropped
 * is not an error. When PostgreSQL goes away mid-transaction, the statement (or the commit) fails, and
 * then the rollback fails too ({@code Connection is closed}); Spring would throw the rollback's
 * {@code TransactionSystemException} in place of the real failure and log the real one at ERROR with
 * its stack trace, once per transaction in flight. There is nothing to roll back then: a session that
 * ends takes its open transaction with it. So the failed rollback is noted at DEBUG, and the real
 * failure (an outage, answered 503) goes on.
 */
class OutageTolerantTransactionManager extends JdbcTransactionManager {

	private static final Logger logger = LoggerFactory.getLogger(OutageTolerantTransactionManager.class);

	OutageTolerantTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (TransactionSystemException ex) {
			if (!DatabaseFailures.isConnectionLost(ex) && !isClosed(status)) {
				throw ex;
			}
			logger.debug("Rollback skipped: the connection is gone, and its transaction with it ({})", ex.getMessage());
		}
	}

	/** HikariCP closes a connection it found broken, so its rollback says only "Connection is closed". */
	private static boolean isClosed(DefaultTransactionStatus status) {
		if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction
				&& transaction.hasConnectionHolder()) {
			try {
				return transaction.getConnectionHolder().getConnection().isClosed();
			}
			catch (SQLException ex) {
				return true;
			}
		}
		return false;
	}

}
