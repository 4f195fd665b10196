package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.saasgate.authbilling.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown during a trial run ({@code ops/GracefulShutdown} calls the drain once the web server has
 * drained): the run stops before its next batch, so the batch in hand commits and the job ends (its
 * lock released) instead of being cut off when the pool closes. The context is thrown away after: its
 * trial runs stay stopped.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "trial.batch-size=1", "trial.workers=1" })
class TrialShutdownTests {

	private static final int USERS = 1000;

	@Autowired
	TrialService trials;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void clean() {
		TrialTestUsers.cleanTrialTables(this.jdbc);
	}

	@Test
	void expiryWhenShutdownBeginsDuringARunThenStopsAfterItsBatchWithEveryBatchWholeAndTheRestLeft()
			throws Exception {
		for (int i = 0; i < USERS; i++) {
			TrialTestUsers.trial(this.jdbc, "run", Duration.ofHours(-1).plusMillis(i));
		}
		ExecutorService runner = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> run = runner.submit(this.trials::expire);
			await().atMost(Duration.ofSeconds(30)).until(() -> changes() >= 5);

			this.trials.stopTaking();
			String drained = this.trials.awaitDrained(Instant.now().plusSeconds(20));
			int done = run.get(1, TimeUnit.SECONDS);

			assertThat(drained).isEqualTo("trial jobs idle");
			assertThat(done).isBetween(5, USERS - 1);
			assertThat(changes()).isEqualTo(done);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE subscription_tier = 'free_restricted'",
					Integer.class)).isEqualTo(done);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE topic = 'email'", Integer.class))
				.isEqualTo(done);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users WHERE subscription_tier = 'free_trial'",
					Integer.class)).isEqualTo(USERS - done);
			// Delivered before the next test class clears GreenMail, which counts every mail it receives.
			await().atMost(Duration.ofSeconds(60)).until(() -> TrialTestUsers.pendingMails(this.jdbc) == 0);
		}
		finally {
			runner.shutdownNow();
		}
	}

	private int changes() {
		return this.jdbc.queryForObject("SELECT count(*) FROM tier_changes", Integer.class);
	}

}
