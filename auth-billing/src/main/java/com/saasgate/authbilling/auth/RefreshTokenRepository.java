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

	private static final String FIND_TOKEN = """
			SELECT id, family_id, token_hash, spent_at FROM refresh_tokens WHERE id = :id
			""";

	private static final String MARK_SPENT = """
			UPDATE refresh_tokens SET spent_at = :now WHERE id = :id AND spent_at IS NULL
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

	Optional<TokenRow> findToken(UUID id) {
		return this.jdbc.sql(FIND_TOKEN)
			.param("id", id)
			.query((rs, rowNum) -> new TokenRow(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
					rs.getBytes("token_hash"), UserRepository.instant(rs, "spent_at")))
			.optional();
	}

	void markSpent(UUID id, Instant now) {
		this.jdbc.sql(MARK_SPENT).param("id", id).param("now", Timestamp.from(now)).update();
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
