package com.saasgate.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.saasgate.devsupport.CapturedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Users on a trial, written straight into PostgreSQL (thousands through the API would
 * cost an Argon2 hash each), and what the trial runs did to them.
 */
final class TrialUsers {

	private static final String INSERT = """
			INSERT INTO users (id, email, password_hash, name, subscription_tier, trial_ends_at, email_verified_at)
			SELECT gen_random_uuid(), ? || n || '@example.com', 'not-a-hash', 'Trial', 'free_trial',
			       now() + ?::interval, now()
			FROM generate_series(1, ?) AS n
			RETURNING id::text, email
			""";

	private final Map<String, String> emailsById;

	private TrialUsers(Map<String, String> emailsById) {
		this.emailsById = emailsById;
	}

	/** Users whose trial ended an hour ago. */
	static TrialUsers expired(Connection db, int count) throws SQLException {
		return insert(db, count, "-1 hour");
	}

	/** Users in the middle of their trial. */
	static TrialUsers active(Connection db, int count) throws SQLException {
		return insert(db, count, "7 days");
	}

	private static TrialUsers insert(Connection db, int count, String trialEndsIn) throws SQLException {
		Map<String, String> users = new HashMap<>();
		try (PreparedStatement insert = db.prepareStatement(INSERT)) {
			insert.setString(1, "trial-" + UUID.randomUUID().toString().substring(0, 8) + "-");
			insert.setString(2, trialEndsIn);
			insert.setInt(3, count);
			try (ResultSet rows = insert.executeQuery()) {
				while (rows.next()) {
					users.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		return new TrialUsers(users);
	}

	Set<String> ids() {
		return this.emailsById.keySet();
	}

	Set<String> emails() {
		return Set.copyOf(this.emailsById.values());
	}

	int size() {
		return this.emailsById.size();
	}

	/** Trial-expiry tier changes of these users so far. */
	Map<String, Long> downgrades(Connection db) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (PreparedStatement query = db.prepareStatement("SELECT user_id::text, count(*) FROM tier_changes"
				+ " WHERE source = 'trial_expiry' AND user_id = ANY (?::uuid[]) GROUP BY 1")) {
			query.setArray(1, db.createArrayOf("text", ids().toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return counts;
	}

	/** Mails caught for these users, by address. */
	Map<String, Long> mails(ClusterSuite.Cluster cluster) {
		Set<String> emails = emails();
		return cluster.suite().mailCatcher().orElseThrow().messages().stream()
			.map(CapturedMail::recipient)
			.filter(emails::contains)
			.collect(Collectors.groupingBy((email) -> email, Collectors.counting()));
	}

	/**
	 * Waits until every user is downgraded, the outbox has delivered everything (a dead replica's claims
	 * included, after {@code OUTBOX_LEASE}) and every user has a mail; then what happened to them.
	 */
	Outcome awaitSettled(ClusterSuite.Cluster cluster) {
		Duration within = ClusterSuite.OUTBOX_LEASE.plusSeconds(120);
		await("every expired trial downgraded and mailed, the outbox empty").atMost(within)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				try (Connection db = cluster.database()) {
					assertThat(downgrades(db)).as("users downgraded").hasSize(size());
					assertThat(undelivered(db)).as("outbox messages not delivered yet").isZero();
					assertThat(mails(cluster)).as("users mailed").hasSize(size());
				}
			});
		try (Connection db = cluster.database()) {
			return new Outcome(downgrades(db), mails(cluster));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long undelivered(Connection db) throws SQLException {
		try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
				ResultSet row = query.executeQuery()) {
			row.next();
			return row.getLong(1);
		}
	}

	/** Per user id, its trial-expiry downgrades; per address, its mails. */
	record Outcome(Map<String, Long> downgradesPerUser, Map<String, Long> mailsPerUser) {

		long doubledMails() {
			return this.mailsPerUser.values().stream().mapToLong((n) -> n - 1).sum();
		}

		List<String> mailedTwice() {
			List<String> twice = new ArrayList<>();
			this.mailsPerUser.forEach((email, n) -> {
				if (n > 1) {
					twice.add(email);
				}
			});
			return twice;
		}

	}

}
