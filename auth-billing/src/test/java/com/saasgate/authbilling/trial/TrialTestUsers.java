package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.saasgate.authbilling.support.TestMail;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trial users written straight into {@code users} (registration through the API would only add a
 * password hash and a verification mail per user), and the trial mails GreenMail received.
 */
final class TrialTestUsers {

	static final String ENDED_SUBJECT = "Your SaaSGate trial has ended";

	static final String TOMORROW_SUBJECT = "Your SaaSGate trial ends tomorrow";

	private TrialTestUsers() {
	}

	/** A user on {@code free_trial} whose trial ends {@code endsIn} from now (negative: ended). */
	static User trial(JdbcTemplate jdbc, String prefix, Duration endsIn) {
		return insert(jdbc, prefix, "free_trial", endsIn);
	}

	static User withTier(JdbcTemplate jdbc, String prefix, String tier, Duration endsIn) {
		return insert(jdbc, prefix, tier, endsIn);
	}

	private static User insert(JdbcTemplate jdbc, String prefix, String tier, Duration endsIn) {
		UUID id = UUID.randomUUID();
		String email = prefix + "-" + id.toString().substring(0, 8) + "@example.com";
		jdbc.update("""
				INSERT INTO users (id, email, password_hash, name, subscription_tier, trial_ends_at)
				VALUES (?, ?, 'not-a-hash', 'Ada', ?, now() + make_interval(secs => ?))
				""", id, email, tier, (double) endsIn.toMillis() / 1000);
		return new User(id, email);
	}

	static List<MimeMessage> mails(User user, String subject) {
		return TestMail.to(user.email()).stream().filter((message) -> {
			try {
				return subject.equals(message.getSubject());
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	static int pendingMails(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email' AND delivered_at IS NULL",
				Integer.class);
	}

	/** The tier changes queued for broadcast, one per user whether queued alone or in a batch row. */
	static int broadcastChanges(JdbcTemplate jdbc) {
		return jdbc.queryForObject("""
				SELECT coalesce(sum(CASE WHEN payload -> 'batch' IS NOT NULL THEN jsonb_array_length(payload -> 'batch') ELSE 1 END), 0)
				FROM outbox WHERE topic = 'user_tier_changed'
				""", Integer.class);
	}

	/**
	 * Makes every tier change of a user whose email starts with {@code prefix} fail (a trigger on
	 * {@code tier_changes}), as a crash in the middle of a run would; closing drops the trigger.
	 */
	static AutoCloseable crashOnTierChange(JdbcTemplate jdbc, String prefix) {
		jdbc.execute("""
				CREATE FUNCTION trial_test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF (SELECT email FROM users WHERE id = NEW.user_id) LIKE '%s-%%' THEN
				        RAISE EXCEPTION 'injected crash in the middle of a run';
				    END IF;
				    RETURN NEW;
				END $$;
				CREATE TRIGGER trial_test_crash BEFORE INSERT ON tier_changes FOR EACH ROW EXECUTE FUNCTION trial_test_crash();
				""".formatted(prefix));
		return () -> jdbc.execute("DROP TRIGGER trial_test_crash ON tier_changes; DROP FUNCTION trial_test_crash()");
	}

	static void cleanTrialTables(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM trial_last_run");
		// Released, not deleted: ShedLock remembers which lock rows exist and then only updates them.
		jdbc.update("UPDATE shedlock SET lock_until = now() - interval '1 second'");
	}

	/** Holds a lock as another replica would, for five minutes. */
	static void holdLock(JdbcTemplate jdbc, String name) {
		jdbc.update("""
				INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
				VALUES (?, now() + interval '5 minutes', now(), 'another-replica')
				ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until, locked_by = excluded.locked_by
				""", name);
	}

	record User(UUID id, String email) {
	}

}
