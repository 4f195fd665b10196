package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.StandaloneAuthBilling;
import com.saasgate.authbilling.support.TestMail;
import com.saasgate.authbilling.trial.TrialTestUsers.User;
import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static com.saasgate.authbilling.trial.TrialTestUsers.ENDED_SUBJECT;
import static com.saasgate.authbilling.trial.TrialTestUsers.TOMORROW_SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two auth-billing instances on one database (this test's context and a second application started
 * beside it), each with its own scheduler, lock client and outbox relay, as two replicas are.
 */
@IntegrationTest
@TestPropertySource(properties = "trial.batch-size=5")
class TrialClusterTests {

	private static ConfigurableApplicationContext second;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TrialService trials;

	@Autowired
	TrialExpiryJob expiryJob;

	@Autowired
	TrialReminderJob reminderJob;

	@BeforeAll
	static void startSecondInstance() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.mail.port", Integer.toString(TestMail.port()));
		properties.put("outbox.relay-interval", "100ms");
		properties.put("trial.batch-size", "5");
		second = StandaloneAuthBilling.start(properties);
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@BeforeEach
	void clean() {
		TrialTestUsers.cleanTrialTables(this.jdbc);
	}

	@Test
	void expiryAndRemindersWhenTwoInstancesRunAtOnceRepeatedlyThenEachUserDowngradedAndMailedOnce() throws Exception {
		List<User> ended = users("ended", 33, Duration.ofMinutes(-10));
		List<User> tomorrow = users("tomorrow", 17, Duration.ofHours(6));
		User paid = TrialTestUsers.withTier(this.jdbc, "paid", "basic", Duration.ofDays(-1));
		List<Runnable> runs = List.of(this.expiryJob::run, this.reminderJob::run, this.trials::expire,
				this.trials::remind, second.getBean(TrialExpiryJob.class)::run,
				second.getBean(TrialReminderJob.class)::run, second.getBean(TrialService.class)::expire,
				second.getBean(TrialService.class)::remind);

		for (int round = 0; round < 3; round++) {
			AtomicInteger next = new AtomicInteger();
			Parallel.run(runs.size() * 2, () -> {
				runs.get(next.getAndIncrement() % runs.size()).run();
				return null;
			});
		}

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class)).isEqualTo(33);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(DISTINCT user_id) FROM tier_changes WHERE source = 'trial_expiry' AND version = 1",
				Integer.class)).isEqualTo(33);
		assertThat(TrialTestUsers.broadcastChanges(this.jdbc)).isEqualTo(33);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email'", Integer.class))
			.isEqualTo(33 + 17);
		assertThat(this.jdbc.queryForMap("SELECT subscription_tier, tier_version FROM users WHERE id = ?", paid.id()))
			.containsEntry("subscription_tier", "basic")
			.containsEntry("tier_version", 0L);
		await().atMost(Duration.ofSeconds(30)).until(() -> TrialTestUsers.pendingMails(this.jdbc) == 0);
		ended.forEach((user) -> assertThat(TrialTestUsers.mails(user, ENDED_SUBJECT)).as(user.email()).hasSize(1));
		tomorrow.forEach((user) -> assertThat(TrialTestUsers.mails(user, TOMORROW_SUBJECT)).as(user.email()).hasSize(1));
		assertThat(TestMail.to(paid.email())).isEmpty();
		assertThat(TestMail.server().getReceivedMessages()).hasSize(33 + 17);
	}

	private List<User> users(String prefix, int count, Duration endsIn) {
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(TrialTestUsers.trial(this.jdbc, prefix, endsIn.plusMillis(i)));
		}
		return users;
	}

}
