package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.trial.TrialTestUsers.User;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.awaitility.Awaitility.await;

/** The expiry's passes side by side ({@code TRIAL_WORKERS}): each user once, and a failure stops them all. */
@IntegrationTest
@TestPropertySource(properties = { "trial.batch-size=5", "trial.workers=3" })
class TrialParallelTests {

	@Autowired
	TrialService trials;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void clean() {
		TrialTestUsers.cleanTrialTables(this.jdbc);
	}

	@Test
	void expiryWhenPassesRunSideBySideThenEveryUserDowngradedAndMailedOnce() {
		List<User> users = users("side", 60);

		assertThat(this.trials.expire()).isEqualTo(60);

		assertOnceEach(users);
		assertThat(this.trials.expire()).isZero();
	}

	@Test
	void expiryWhenOnePassFailsThenRunFailsAndNextRunFinishesWithNothingTwice() throws Exception {
		List<User> users = new ArrayList<>(users("before", 20));
		users.add(TrialTestUsers.trial(this.jdbc, "crash", Duration.ofHours(-2)));
		users.addAll(users("after", 20));
		double failedBefore = this.meters.get("trial_expiration_checks").tag("action", "failed").counter().count();
		try (AutoCloseable crash = TrialTestUsers.crashOnTierChange(this.jdbc, "crash")) {
			assertThatRuntimeException().isThrownBy(this.trials::expire).withMessageContaining("injected crash");
		}
		assertThat(this.meters.get("trial_expiration_checks").tag("action", "failed").counter().count())
			.isEqualTo(failedBefore + 1);
		int done = this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class);
		assertThat(done).isLessThan(41);

		assertThat(this.trials.expire()).isEqualTo(41 - done);

		assertOnceEach(users);
	}

	private void assertOnceEach(List<User> users) {
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM users WHERE subscription_tier = 'free_trial' AND trial_ends_at <= now()", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT user_id) FROM tier_changes", Integer.class))
			.isEqualTo(users.size());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class)).isEqualTo(users.size());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email'", Integer.class))
			.isEqualTo(users.size());
		assertThat(TrialTestUsers.broadcastChanges(this.jdbc)).isEqualTo(users.size());
		// Delivered before the next test class clears GreenMail, which counts every mail it receives.
		await().atMost(Duration.ofSeconds(60)).until(() -> TrialTestUsers.pendingMails(this.jdbc) == 0);
	}

	private List<User> users(String prefix, int count) {
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(TrialTestUsers.trial(this.jdbc, prefix, Duration.ofHours(-3).plusMillis(i)));
		}
		return users;
	}

}
