package com.saasgate.authbilling.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefreshTokenRepository {

	private static final String INSERT_FAMILY = """
			INSERT INTO refresh_token_families (id, user_id, created_at, expires_at)
			VALUES (:id, :userId, :now, :expiresAt)
			""";

	private static final String INSERT_TOKEN = """
			INSERT INTO refresh_tokens (id, family_id, parent_id, token_hash, issued_at)
			VALUES (:id, :familyId, :parentId, :tokenHash, :now)
			""";

	/** Serialises every operation on one family (rotation, reuse detection, logout). */
	private static final String LOCK_FAMILY = """
			SELECT id, user_id, expires_at, revoked_at, revoked_reason
			FROM refresh_token_families WHERE id = :id
			FOR UPDATE
			""";

	/**
	 * The presented token and the family's user in one round trip, after the family is locked: a new
	 * statement, so under READ COMMITTED it sees a rotation committed while this one waited for the lock.
	 */
	private static final String FIND_TOKEN_AND_USER = """
			SELECT t.id, t.family_id, t.token_hash, t.spent_at, u.id AS user_id, u.email, u.password_hash, u.name, u.role,
			       u.subscription_tier, u.trial_ends_at, u.email_verified_at, u.created_at
			FROM refresh_tokens t LEFT JOIN users u ON u.id = :userId
			WHERE t.id = :id
			""";

	/**
	 * A rotation's writes in one statement: the presented token spent (unless it already was, within the
	 * reuse grace) and its successor inserted.
	 */
	private static final String SPEND_AND_INSERT = """
			WITH spent AS (UPDATE refresh_tokens SET spent_at = :now WHERE id = :parentId AND spent_at IS NULL)
			INSERT INTO refresh_tokens (id, family_id, parent_id, token_hash, issued_at)
			VALUES (:id, :familyId, :parentId, :tokenHash, :now)
			""";

	private static final String REVOKE_FAMILY = """
			UPDATE refresh_token_families SET revoked_at = :now, revoked_reason = :reason
			WHERE id = :id AND revoked_at IS NULL
			""";

	private static final String REVOKE_ALL_OF_USER = """
			UPDATE refresh_token_families SET revoked_at = :now, revoked_reason = :reason
			WHERE user_id = :userId AND revoked_at IS NULL
			""";

	private final JdbcClient jdbc;

	RefreshTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertFamily(UUID id, UUID userId, Instant now, Instant expiresAt) {
		this.jdbc.sql(INSERT_FAMILY)
			.param("id", id)
			.param("userId", userId)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update();
	}

	void insertToken(UUID id, UUID familyId, UUID parentId, byte[] tokenHash, Instant now) {
		this.jdbc.sql(INSERT_TOKEN)
			.param("id", id)
			.param("familyId", familyId)
			.param("parentId", parentId)
			.param("tokenHash", tokenHash)
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<FamilyRow> lockFamily(UUID id) {
		return this.jdbc.sql(LOCK_FAMILY)
			.param("id", id)
			.query((rs, rowNum) -> new FamilyRow(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
					UserRepository.instant(rs, "expires_at"), UserRepository.instant(rs, "revoked_at"),
					rs.getString("revoked_reason")))
			.optional();
	}

	/** The token, and beside it the user with id {@code userId} if there is one; empty when there is no such token. */
	Optional<TokenAndUser> findTokenAndUser(UUID id, UUID userId) {
		return this.jdbc.sql(FIND_TOKEN_AND_USER)
			.param("id", id)
			.param("userId", userId)
			.query((rs, rowNum) -> {
				TokenRow token = new TokenRow(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
						rs.getBytes("token_hash"), UserRepository.instant(rs, "spent_at"));
				UUID user = rs.getObject("user_id", UUID.class);
				return new TokenAndUser(token, (user != null) ? Optional.of(new UserRow(user, rs.getString("email"),
						rs.getString("password_hash"), rs.getString("name"), rs.getString("role"),
						rs.getString("subscription_tier"), UserRepository.instant(rs, "trial_ends_at"),
						UserRepository.instant(rs, "email_verified_at"), UserRepository.instant(rs, "created_at")))
						: Optional.empty());
			})
			.optional();
	}

	/** Marks {@code parentId} spent if it is not yet, and inserts its successor {@code id}: one statement. */
	void spendAndInsert(UUID parentId, UUID id, UUID familyId, byte[] tokenHash, Instant now) {
		this.jdbc.sql(SPEND_AND_INSERT)
			.param("parentId", parentId)
			.param("id", id)
			.param("familyId", familyId)
			.param("tokenHash", tokenHash)
			.param("now", Timestamp.from(now))
			.update();
	}

	void revokeFamily(UUID id, RevocationReason reason, Instant now) {
		this.jdbc.sql(REVOKE_FAMILY)
			.param("id", id)
			.param("reason", reason.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	int revokeAllOfUser(UUID userId, RevocationReason reason, Instant now) {
		return this.jdbc.sql(REVOKE_ALL_OF_USER)
			.param("userId", userId)
			.param("reason", reason.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	record FamilyRow(UUID id, UUID userId, Instant expiresAt, Instant revokedAt, String revokedReason) {
	}

	record TokenRow(UUID id, UUID familyId, byte[] tokenHash, Instant spentAt) {
	}

	/** A token and the user of its family, read together. */
	record TokenAndUser(TokenRow token, Optional<UserRow> user) {
	}

	enum RevocationReason {

		LOGOUT("logout"), LOGOUT_ALL("logout_all"), REUSE("reuse"), PASSWORD_RESET("password_reset");

		private final String value;

		RevocationReason(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

	}

}
