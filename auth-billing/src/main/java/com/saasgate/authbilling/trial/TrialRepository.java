package com.saasgate.authbilling.trial;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The trial jobs' SQL. Tiers are not written here: that is the tier module's. */
@Repository
class TrialRepository {

	/** The downgraded users' addresses, for the mails of one expiry batch. */
	/**
	 * Marks up to {@code limit} trials that end within the window and were never reminded, in the
	 * update that returns whom to mail: a user is reminded once, ever. Rows another transaction holds
	 * are skipped, so replicas never mark the same user.
	 */
	private static final String MARK_REMINDERS = """
			WITH due AS (
			    SELECT id FROM users
			    WHERE subscription_tier = 'free_trial' AND trial_reminder_sent_at IS NULL
			      AND trial_ends_at > :now AND trial_ends_at <= :until
			    ORDER BY trial_ends_at, id
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			UPDATE users u SET trial_reminder_sent_at = :now
			FROM due
			WHERE u.id = due.id AND u.subscription_tier = 'free_trial' AND u.trial_reminder_sent_at IS NULL
			RETURNING u.id, u.email, u.name, u.trial_ends_at
			""";

	private static final String RECORD_RUN = """
			INSERT INTO trial_last_run (id, ran_at, expired, reminded) VALUES (true, :at, :expired, :reminded)
			ON CONFLICT (id) DO UPDATE SET ran_at = excluded.ran_at, expired = excluded.expired,
			    reminded = excluded.reminded
			""";

	private static final String LAST_RUN = """
			SELECT ran_at, expired, reminded FROM trial_last_run WHERE id
			""";

	private static final String COUNTS = """
			SELECT
			    (SELECT count(*) FROM users
			     WHERE subscription_tier = 'free_trial' AND trial_ends_at > :now) AS active_trials,
			    (SELECT count(*) FROM users
			     WHERE subscription_tier = 'free_trial' AND trial_ends_at > :now AND trial_ends_at <= :until) AS expiring,
			    (SELECT count(*) FROM tier_changes WHERE source = 'trial_expiry') AS expired_total,
			    (SELECT count(DISTINCT user_id) FROM tier_changes
			     WHERE old_tier = 'free_trial' AND new_tier IN ('basic', 'pro')) AS converted_total
			""";

	private final JdbcClient jdbc;

	TrialRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<TrialContact> markReminders(Instant now, Instant until, int limit) {
		return this.jdbc.sql(MARK_REMINDERS)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(until))
			.param("limit", limit)
			.query((rs, rowNum) -> new TrialContact(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("name"), instant(rs, "trial_ends_at")))
			.list();
	}

	void recordRun(TrialRun run) {
		this.jdbc.sql(RECORD_RUN)
			.param("at", Timestamp.from(run.at()))
			.param("expired", run.expired())
			.param("reminded", run.reminded())
			.update();
	}

	TrialStats stats(Instant now, Instant until) {
		TrialRun lastRun = this.jdbc.sql(LAST_RUN)
			.query((rs, rowNum) -> new TrialRun(instant(rs, "ran_at"), rs.getInt("expired"), rs.getInt("reminded")))
			.optional()
			.orElse(null);
		return this.jdbc.sql(COUNTS)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(until))
			.query((rs, rowNum) -> new TrialStats(rs.getLong("active_trials"), rs.getLong("expiring"),
					rs.getLong("expired_total"), rs.getLong("converted_total"), lastRun))
			.single();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
