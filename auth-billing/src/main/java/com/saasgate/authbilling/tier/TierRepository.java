package com.saasgate.authbilling.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.security.contract.Tier;
import com.saasgate.security.contract.TierChangedMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TierRepository {

	private static final String FIND = """
			SELECT id, subscription_tier, trial_ends_at, tier_version FROM users WHERE id = :id
			""";

	/** Holds the row until commit, so two changes of one user are applied one after the other. */
	private static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE";

	private static final String SET_TIER = """
			UPDATE users SET subscription_tier = :tier, tier_version = tier_version + 1, updated_at = :now
			WHERE id = :id AND subscription_tier <> :tier
			RETURNING tier_version
			""";

	private static final String RECORD_CHANGE = """
			INSERT INTO tier_changes (user_id, old_tier, new_tier, version, source, reason, changed_at)
			VALUES (:userId, :oldTier, :newTier, :version, :source, :reason, :changedAt)
			""";

	/**
	 * A batch of ended trials in one statement: claimed in trial-end order, skipping rows another
	 * transaction holds (a replica's batch, a webhook's upgrade), downgraded, and recorded in
	 * {@code tier_changes}. The update's {@code WHERE} on the tier is what keeps a user who paid
	 * meanwhile untouched.
	 */
	private static final String EXPIRE_TRIALS = """
			WITH due AS (
			    SELECT id, trial_ends_at FROM users
			    WHERE subscription_tier = 'free_trial' AND trial_ends_at <= :now %s
			    ORDER BY trial_ends_at, id
			    LIMIT :limit
			    FOR UPDATE SKIP LOCKED),
			changed AS (
			    UPDATE users u SET subscription_tier = 'free_restricted', tier_version = u.tier_version + 1, updated_at = :now
			    FROM due
			    WHERE u.id = due.id AND u.subscription_tier = 'free_trial'
			    RETURNING u.id, u.tier_version, u.email, u.name),
			recorded AS (
			    INSERT INTO tier_changes (user_id, old_tier, new_tier, version, source, reason, changed_at)
			    SELECT id, 'free_trial', 'free_restricted', tier_version, :source, :reason, :now FROM changed)
			SELECT due.id, due.trial_ends_at, changed.tier_version, changed.email, changed.name
			FROM due LEFT JOIN changed ON changed.id = due.id
			ORDER BY due.trial_ends_at, due.id
			""";

	/** The first batch of a run, from the start of the trial-end index. */
	private static final String EXPIRE_FIRST_TRIALS = EXPIRE_TRIALS.formatted("");

	/**
	 * The next batches, from where the last one ended: the index entries of the rows already
	 * downgraded are not visited again (they stay in the index as dead entries until vacuum, and a
	 * scan from the start would step over all of them in every batch).
	 */
	private static final String EXPIRE_NEXT_TRIALS = EXPIRE_TRIALS
		.formatted("AND (trial_ends_at, id) > (:afterEndsAt, :afterId)");


	private final JdbcClient jdbc;

	TierRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UserTier> find(UUID id) {
		return this.jdbc.sql(FIND).param("id", id).query(TierRepository::mapRow).optional();
	}

	Optional<UserTier> lock(UUID id) {
		return this.jdbc.sql(FIND_FOR_UPDATE).param("id", id).query(TierRepository::mapRow).optional();
	}

	/** The new version, or empty when the user already had that tier. */
	Optional<Long> setTier(UUID id, Tier tier, Instant now) {
		return this.jdbc.sql(SET_TIER)
			.param("id", id)
			.param("tier", tier.value())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional();
	}

	void recordChange(TierChangedMessage change, TierChangeSource source, String reason) {
		this.jdbc.sql(RECORD_CHANGE)
			.param("userId", change.userId())
			.param("oldTier", change.oldTier())
			.param("newTier", change.newTier())
			.param("version", change.version())
			.param("source", source.value())
			.param("reason", reason)
			.param("changedAt", Timestamp.from(change.changedAt()))
			.update();
	}

	/**
	 * Downgrades and records up to {@code limit} ended trials after {@code after} in trial-end order
	 * (from the first when null): the rows claimed in that order, each with its new version, address and
	 * name, or none for a row that was no longer on a trial.
	 */
	List<ClaimedTrial> expireTrials(int limit, Instant now, TrialPosition after, TierChangeSource source,
			String reason) {
		JdbcClient.StatementSpec statement = this.jdbc.sql((after != null) ? EXPIRE_NEXT_TRIALS : EXPIRE_FIRST_TRIALS)
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.param("source", source.value())
			.param("reason", reason);
		if (after != null) {
			statement = statement.param("afterEndsAt", Timestamp.from(after.trialEndsAt()))
				.param("afterId", after.userId());
		}
		return statement.query((rs, rowNum) -> new ClaimedTrial(
				new TrialPosition(rs.getTimestamp("trial_ends_at").toInstant(), rs.getObject("id", UUID.class)),
				(Long) rs.getObject("tier_version"), rs.getString("email"), rs.getString("name")))
			.list();
	}

	/**
	 * A row the expiry claimed: the {@code tier_version} its downgrade produced and the user's address
	 * and name (all null: it was no longer on a trial).
	 */
	record ClaimedTrial(TrialPosition position, Long version, String email, String name) {
	}

	private static UserTier mapRow(ResultSet rs, int rowNum) throws SQLException {
		Timestamp trialEndsAt = rs.getTimestamp("trial_ends_at");
		return new UserTier(rs.getObject("id", UUID.class), Tier.of(rs.getString("subscription_tier")),
				(trialEndsAt != null) ? trialEndsAt.toInstant() : null, rs.getLong("tier_version"));
	}

}
