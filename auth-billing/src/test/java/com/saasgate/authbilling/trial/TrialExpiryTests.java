package com.saasgate.authbilling.trial;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.trial.TrialTestUsers.User;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static com.saasgate.authbilling.trial.TrialTestUsers.ENDED_SUBJECT;
import static com.saasgate.authbilling.trial.TrialTestUsers.TOMORROW_SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.awaitility.Awaitility.await;

@IntegrationTest
// One pass at a time: these tests follow a run batch by batch.
@TestPropertySource(properties = { "trial.batch-size=5", "trial.workers=1", "outbox.max-backoff=1s", "mail.frontend-url=https://app.example.test" })
class TrialExpiryTests {

	@Autowired
	TrialService trials;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void clean() {
		TrialTestUsers.cleanTrialTables(this.jdbc);
	}

	@Test
	void expiryWhenTrialsEndedThenEachDowngradedVersionedRecordedAndMailedOnce() {
		List<User> ended = users("ended", 12, Duration.ofMinutes(-5));
		User active = TrialTestUsers.trial(this.jdbc, "active", Duration.ofDays(3));
		double before = checks("expired");

		assertThat(this.trials.expire()).isEqualTo(12);
		assertThat(this.trials.expire()).isZero();

		for (User user : ended) {
			assertThat(this.jdbc.queryForMap("SELECT subscription_tier, tier_version FROM users WHERE id = ?", user.id()))
				.containsEntry("subscription_tier", "free_restricted")
				.containsEntry("tier_version", 1L);
		}
		assertThat(this.jdbc.queryForList("""
				SELECT user_id FROM tier_changes
				WHERE source = 'trial_expiry' AND old_tier = 'free_trial' AND new_tier = 'free_restricted' AND version = 1
				""", java.util.UUID.class)).containsExactlyInAnyOrderElementsOf(ended.stream().map(User::id).toList());
		assertThat(TrialTestUsers.broadcastChanges(this.jdbc)).isEqualTo(12);
		assertThat(tier(active)).isEqualTo("free_trial");
		assertThat(checks("expired")).isEqualTo(before + 12);
		assertThat(this.meters.get("user_tier_changed").tag("source", "trial_expiry").counter().count())
			.isGreaterThanOrEqualTo(12);
		awaitAllMailsOut();
		ended.forEach((user) -> assertThat(TrialTestUsers.mails(user, ENDED_SUBJECT)).hasSize(1));
		assertThat(TestMail.to(active.email())).isEmpty();
	}

	@Test
	void expiryWhenUserPaidMeanwhileThenNeverDowngraded() {
		User paid = TrialTestUsers.withTier(this.jdbc, "paid", "pro", Duration.ofDays(-1));
		User ended = TrialTestUsers.trial(this.jdbc, "ended", Duration.ofDays(-1));

		assertThat(this.trials.expire()).isEqualTo(1);

		assertThat(this.jdbc.queryForMap("SELECT subscription_tier, tier_version FROM users WHERE id = ?", paid.id()))
			.containsEntry("subscription_tier", "pro")
			.containsEntry("tier_version", 0L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes WHERE user_id = ?", Integer.class,
				paid.id())).isZero();
		assertThat(tier(ended)).isEqualTo("free_restricted");
		awaitAllMailsOut();
		assertThat(TestMail.to(paid.email())).isEmpty();
	}

	@Test
	void expiryWhenOneRowIsHeldByAnotherTransactionThenTheRunTakesTheRestAndTheNextRunTakesIt() throws Exception {
		List<User> users = new ArrayList<>(users("before", 3, Duration.ofHours(-3)));
		User held = TrialTestUsers.trial(this.jdbc, "held", Duration.ofHours(-2));
		users.addAll(users("after", 8, Duration.ofHours(-1)));
		try (Connection other = this.dataSource.getConnection()) {
			// Another transaction holds the row (a webhook's upgrade, another replica's batch) while the run passes it.
			other.setAutoCommit(false);
			try (PreparedStatement lock = other.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
				lock.setObject(1, held.id());
				lock.executeQuery().close();
			}

			assertThat(this.trials.expire()).isEqualTo(11);
			assertThat(tier(held)).isEqualTo("free_trial");
			users.forEach((user) -> assertThat(tier(user)).isEqualTo("free_restricted"));
			other.rollback();
		}

		assertThat(this.trials.expire()).isEqualTo(1);
		assertThat(tier(held)).isEqualTo("free_restricted");
		awaitAllMailsOut();
		assertThat(TrialTestUsers.mails(held, ENDED_SUBJECT)).hasSize(1);
		users.forEach((user) -> assertThat(TrialTestUsers.mails(user, ENDED_SUBJECT)).hasSize(1));
	}

	@Test
	void expiryWhenRunFailsAfterFirstBatchThenNextRunFinishesTheRestWithNothingTwice() throws Exception {
		List<User> users = new ArrayList<>(users("early", 5, Duration.ofHours(-3)));
		// Ends after the first batch's users, so it falls in the second batch, which fails.
		users.add(TrialTestUsers.trial(this.jdbc, "crash", Duration.ofHours(-2)));
		users.addAll(users("late", 6, Duration.ofHours(-1)));
		double failedBefore = checks("failed");
		try (AutoCloseable crash = TrialTestUsers.crashOnTierChange(this.jdbc, "crash")) {
			assertThatRuntimeException().isThrownBy(this.trials::expire);
		}

		assertThat(checks("failed")).isEqualTo(failedBefore + 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE subscription_tier = 'free_restricted'",
				Integer.class)).isEqualTo(5);
		users.subList(0, 5).forEach((user) -> assertThat(tier(user)).isEqualTo("free_restricted"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email'", Integer.class))
			.isEqualTo(5);

		assertThat(this.trials.expire()).isEqualTo(7);

		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM (SELECT user_id FROM tier_changes GROUP BY user_id HAVING count(*) = 1) once",
				Integer.class)).isEqualTo(12);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class)).isEqualTo(12);
		awaitAllMailsOut();
		users.forEach((user) -> assertThat(TrialTestUsers.mails(user, ENDED_SUBJECT)).hasSize(1));
	}

	@Test
	void expiryWhenSmtpDownThenTiersChangeAtOnceAndMailsArriveOnceSmtpIsBack() {
		List<User> ended = users("outage", 7, Duration.ofMinutes(-1));
		TestMail.stop();
		try {
			assertThat(this.trials.expire()).isEqualTo(7);

			ended.forEach((user) -> assertThat(tier(user)).isEqualTo("free_restricted"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM outbox WHERE topic = 'email' AND delivered_at IS NULL AND attempts >= 1 AND last_error IS NOT NULL",
						Integer.class) == 7);
		}
		finally {
			TestMail.start();
		}

		awaitAllMailsOut();
		ended.forEach((user) -> assertThat(TrialTestUsers.mails(user, ENDED_SUBJECT)).hasSize(1));
	}

	@Test
	void reminderWhenTrialEndsWithin24HoursThenOneMailEverHoweverOftenItRuns() {
		List<User> tomorrow = users("tomorrow", 7, Duration.ofHours(20));
		User later = TrialTestUsers.trial(this.jdbc, "later", Duration.ofHours(30));
		User ended = TrialTestUsers.trial(this.jdbc, "ended", Duration.ofHours(-1));

		assertThat(this.trials.remind()).isEqualTo(7);
		assertThat(this.trials.remind()).isZero();
		assertThat(this.trials.remind()).isZero();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE trial_reminder_sent_at IS NOT NULL",
				Integer.class)).isEqualTo(7);
		awaitAllMailsOut();
		tomorrow.forEach((user) -> assertThat(TrialTestUsers.mails(user, TOMORROW_SUBJECT)).hasSize(1));
		assertThat(TestMail.to(later.email())).isEmpty();
		assertThat(TestMail.to(ended.email())).isEmpty();
		assertThat(tier(ended)).isEqualTo("free_trial");
	}

	@Test
	void trialMailsWhenSentThenMultipartAlternativeWithEscapedValuesUpgradeLinkAndNoUnsubscribe() throws Exception {
		User user = TrialTestUsers.trial(this.jdbc, "mail", Duration.ofHours(-1));
		this.jdbc.update("UPDATE users SET name = ? WHERE id = ?", "<Ada & Co>", user.id());

		this.trials.expire();

		awaitAllMailsOut();
		MimeMessage message = TrialTestUsers.mails(user, ENDED_SUBJECT).get(0);
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		String text = (String) parts.getBodyPart(0).getContent();
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(text).contains("Hello <Ada & Co>,").contains("SaaSGate").contains("https://app.example.test/billing/upgrade");
		assertThat(html).contains("Hello &lt;Ada &amp; Co&gt;,").doesNotContain("<Ada")
			.contains("href=\"https://app.example.test/billing/upgrade\"");
		assertThat(text + html).doesNotContainIgnoringCase("unsubscribe").doesNotContain("{{");
		// The body is not kept once the mail is out.
		assertThat(this.jdbc.queryForObject("SELECT payload ? 'values' FROM outbox WHERE topic = 'email'", Boolean.class))
			.isFalse();
	}

	@Test
	void metricsWhenStartedThenEveryActionIsRegistered() {
		for (String action : List.of("expired", "reminded", "failed")) {
			assertThat(this.meters.find("trial_expiration_checks").tag("action", action).counter()).isNotNull();
		}
	}

	private List<User> users(String prefix, int count, Duration endsIn) {
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(TrialTestUsers.trial(this.jdbc, prefix, endsIn.plusMillis(i)));
		}
		return users;
	}

	private String tier(User user) {
		return this.jdbc.queryForObject("SELECT subscription_tier FROM users WHERE id = ?", String.class, user.id());
	}

	private double checks(String action) {
		return this.meters.get("trial_expiration_checks").tag("action", action).counter().count();
	}

	private void awaitAllMailsOut() {
		await().atMost(Duration.ofSeconds(30)).until(() -> TrialTestUsers.pendingMails(this.jdbc) == 0);
	}

}
