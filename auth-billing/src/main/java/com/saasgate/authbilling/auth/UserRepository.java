package com.saasgate.authbilling.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

	private static final String COLUMNS = """
			id, email, password_hash, name, role, subscription_tier, trial_ends_at, email_verified_at, created_at
			""";

	/** Nothing is inserted when the email is taken: the caller answers 409 without a race. */
	private static final String INSERT_IF_EMAIL_FREE = """
			INSERT INTO users (id, email, password_hash, name, subscription_tier, trial_ends_at, created_at, updated_at)
			VALUES (:id, :email, :passwordHash, :name, 'free_trial', :trialEndsAt, :now, :now)
			ON CONFLICT (email) DO NOTHING
			RETURNING %s
			""".formatted(COLUMNS);

	private static final String FIND_BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE email = :email";

	private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = :id";

	private static final String MARK_EMAIL_VERIFIED = """
			UPDATE users SET email_verified_at = COALESCE(email_verified_at, :now), updated_at = :now
			WHERE id = :id
			RETURNING %s
			""".formatted(COLUMNS);

	private static final String UPDATE_PASSWORD_HASH = """
			UPDATE users SET password_hash = :passwordHash, updated_at = :now WHERE id = :id
			""";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UserRow> insertIfEmailFree(UUID id, String email, String passwordHash, String name, Instant trialEndsAt,
			Instant now) {
		return this.jdbc.sql(INSERT_IF_EMAIL_FREE)
			.param("id", id)
			.param("email", email)
			.param("passwordHash", passwordHash)
			.param("name", name)
			.param("trialEndsAt", Timestamp.from(trialEndsAt))
			.param("now", Timestamp.from(now))
			.query(UserRepository::mapRow)
			.optional();
	}

	Optional<UserRow> findByEmail(String email) {
		return this.jdbc.sql(FIND_BY_EMAIL).param("email", email).query(UserRepository::mapRow).optional();
	}

	Optional<UserRow> findById(UUID id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(UserRepository::mapRow).optional();
	}

	Optional<UserRow> markEmailVerified(UUID id, Instant now) {
		return this.jdbc.sql(MARK_EMAIL_VERIFIED)
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query(UserRepository::mapRow)
			.optional();
	}

	void updatePasswordHash(UUID id, String passwordHash, Instant now) {
		this.jdbc.sql(UPDATE_PASSWORD_HASH)
			.param("id", id)
			.param("passwordHash", passwordHash)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static UserRow mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
				rs.getString("name"), rs.getString("role"), rs.getString("subscription_tier"),
				instant(rs, "trial_ends_at"), instant(rs, "email_verified_at"), instant(rs, "created_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
