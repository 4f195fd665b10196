package com.saasgate.authbilling.support;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Empties the tables, Redis and the mailbox before each test, so no test sees another's data. */
final class CleanState implements BeforeEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		var spring = SpringExtension.getApplicationContext(context);
		truncate(new JdbcTemplate(spring.getBean(DataSource.class)));
		try (var connection = spring.getBean(RedisConnectionFactory.class).getConnection()) {
			connection.serverCommands().flushDb();
		}
		catch (RuntimeException ex) {
			// Redis may be down on purpose in an outage test; nothing to clean then.
		}
		GreenMail mail = TestMail.server();
		try {
			mail.purgeEmailFromAllMailboxes();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The background appliers and relays may hold row locks of the previous test's data; TRUNCATE
	 * then loses a deadlock now and again. It is tried again: the others finish in milliseconds.
	 */
	private static void truncate(JdbcTemplate jdbc) {
		for (int attempt = 1;; attempt++) {
			try {
				jdbc.execute("TRUNCATE users, refresh_token_families, refresh_tokens, email_tokens, outbox, "
						+ "stripe_events CASCADE");
				return;
			}
			catch (org.springframework.dao.PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

}
