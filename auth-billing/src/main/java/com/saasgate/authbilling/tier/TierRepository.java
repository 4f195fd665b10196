package com.saasgate.authbilling.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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

	void recordChange(TierChanged change, TierChangeSource source, String reason) {
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

	private static UserTier mapRow(ResultSet rs, int rowNum) throws SQLException {
		Timestamp trialEndsAt = rs.getTimestamp("trial_ends_at");
		return new UserTier(rs.getObject("id", UUID.class), Tier.of(rs.getString("subscription_tier")),
				(trialEndsAt != null) ? trialEndsAt.toInstant() : null, rs.getLong("tier_version"));
	}

}
