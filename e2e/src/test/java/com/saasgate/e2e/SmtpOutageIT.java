package com.saasgate.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.saasgate.devsupport.DevSuite;
import com.saasgate.devsupport.MailCatcher;
import com.saasgate.security.servicetoken.ServiceTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, SMTP down: the mail catcher refuses connections while people sign up and a trial run
 * expires and reminds trials. No request fails (mail goes through the outbox, never inline), and once
 * SMTP is back every mail arrives exactly once: a verification per sign-up, a "trial has ended" per
 * expired trial and a "trial ends tomorrow" per reminded one, counted by recipient.
 */
@ExtendWith(E2eSuite.class)
class SmtpOutageIT {

	private static final int SIGN_UPS = 8;

	private static final String VERIFY = "Verify";

	private static final String ENDED = "trial has ended";

	private static final String TOMORROW = "trial ends tomorrow";

	private static final String END_TRIALS = """
			UPDATE users SET trial_ends_at = now() + CAST(? AS interval) WHERE email = ?
			""";

	private static final String REFUSED_MAIL = """
			SELECT count(*) FROM outbox
			WHERE topic = 'email' AND delivered_at IS NULL AND dead_lettered_at IS NULL AND attempts > 0
			""";

	private static final String PENDING_MAIL = """
			SELECT count(*) FROM outbox WHERE topic = 'email' AND delivered_at IS NULL AND dead_lettered_at IS NULL
			""";

	private final Api api;

	private final DevSuite suite;

	SmtpOutageIT(Api api) {
		this.api = api;
		this.suite = api.suite();
	}

	@Test
	void smtpWhenDownDuringSignUpsAndATrialRunThenNoRequestFailsAndEveryMailArrivesOnceAfterwards() throws Exception {
		MailCatcher mail = this.suite.mailCatcher().orElse(null);
		Assumptions.assumeTrue(mail != null, "SMTP_HOST names another server, which this test must not stop");
		List<Account> accounts = new ArrayList<>();
		List<Response> answers = new ArrayList<>();
		Map<String, String> expected = new TreeMap<>();
		Response trialRun;
		mail.suspend();
		try {
			for (int i = 0; i < SIGN_UPS; i++) {
				Account account = Account.fresh();
				accounts.add(account);
				answers.add(this.api.newClient().register(account));
				expected.put(account.email() + " " + VERIFY, VERIFY);
			}
			try (Connection db = LoadClients.database(this.suite)) {
				for (int i = 0; i < SIGN_UPS; i++) {
					boolean ended = i % 2 == 0;
					endTrial(db, accounts.get(i).email(), ended ? "-1 hour" : "6 hours");
					expected.put(accounts.get(i).email() + " " + (ended ? ENDED : TOMORROW), ended ? ENDED : TOMORROW);
				}
			}
			trialRun = this.api.send("POST", this.suite.authBillingUrl() + "/trials/check", null, "X-Service-Token",
					opsToken());
			answers.add(trialRun);
			assertThat(answers).as("answers while SMTP was down").allSatisfy(
					(answer) -> assertThat(answer.status()).as(answer.toString()).isBetween(200, 299));
			assertThat(trialRun.json().path("expired").asInt()).as(trialRun.toString()).isGreaterThanOrEqualTo(SIGN_UPS / 2);
			assertThat(trialRun.json().path("reminded").asInt()).as(trialRun.toString()).isGreaterThanOrEqualTo(SIGN_UPS / 2);
			try (Connection db = LoadClients.database(this.suite)) {
				await("every mail tried and refused while SMTP is down").atMost(Duration.ofSeconds(60))
					.until(() -> count(db, REFUSED_MAIL) >= expected.size());
			}
			assertThat(accounts).as("nothing arrived while SMTP was down")
				.allSatisfy((account) -> assertThat(mail.messagesTo(account.email())).isEmpty());
		}
		finally {
			mail.resume();
		}

		try (Connection db = LoadClients.database(this.suite)) {
			await("the outbox to deliver what waited").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> count(db, PENDING_MAIL) == 0);
		}
		Map<String, Integer> arrived = new TreeMap<>();
		for (Account account : accounts) {
			mail.messagesTo(account.email()).forEach((message) -> {
				String kind = message.subject().contains(ENDED) ? ENDED
						: message.subject().contains(TOMORROW) ? TOMORROW : message.subject().contains(VERIFY) ? VERIFY
								: message.subject();
				arrived.merge(account.email() + " " + kind, 1, Integer::sum);
			});
		}
		long lost = expected.keySet().stream().filter((key) -> !arrived.containsKey(key)).count();
		long doubled = arrived.values().stream().filter((count) -> count > 1).count();
		long serverErrors = answers.stream().filter((answer) -> answer.status() >= 500).count();
		System.out.println("SmtpOutageIT: " + SIGN_UPS + " sign-ups and a trial run " + trialRun.body() + "; mails "
				+ arrived);

		assertThat(arrived).as("every mail once, by recipient and kind").containsOnlyKeys(expected.keySet())
			.allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
		Reliability.record(new Reliability.Row("smtp-outage", "SMTP down during sign-ups and a trial run",
				SIGN_UPS + " sign-ups and a trial run (" + trialRun.body() + "), " + expected.size() + " mails due",
				lost, doubled, serverErrors,
				"no request failed (all 2xx); after SMTP returned, " + arrived.size()
						+ " mails arrived, each exactly once"));
	}

	private static void endTrial(Connection db, String email, String endsIn) throws java.sql.SQLException {
		try (PreparedStatement statement = db.prepareStatement(END_TRIALS)) {
			statement.setString(1, endsIn);
			statement.setString(2, email);
			assertThat(statement.executeUpdate()).as(email).isEqualTo(1);
		}
	}

	private static long count(Connection db, String sql) throws java.sql.SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql);
				var rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private String opsToken() {
		return new ServiceTokens(this.suite.environment().get("SERVICE_JWT_SECRET"), Clock.systemUTC()).issue("ops",
				"auth-billing", null, Duration.ofMinutes(1));
	}

}
