package com.saasgate.authbilling.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EmailTokenRepository {

	private static final String INSERT = """
			INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at)
			VALUES (:tokenHash, :userId, :purpose, :now, :expiresAt)
			""";

	/** Single use without a race: only one request can flip used_at. */
	private static final String CONSUME = """
			UPDATE email_tokens SET used_at = :now
			WHERE token_hash = :tokenHash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
			RETURNING user_id
			""";

	private static final String RETIRE_OPEN_OF_USER = """
			UPDATE email_tokens SET used_at = :now
			WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL
			""";

	private final JdbcClient jdbc;

	EmailTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(byte[] tokenHash, UUID userId, EmailTokenPurpose purpose, Instant now, Instant expiresAt) {
		this.jdbc.sql(INSERT)
			.param("tokenHash", tokenHash)
			.param("userId", userId)
			.param("purpose", purpose.value())
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update();
	}

	Optional<UUID> consume(byte[] tokenHash, EmailTokenPurpose purpose, Instant now) {
		return this.jdbc.sql(CONSUME)
			.param("tokenHash", tokenHash)
			.param("purpose", purpose.value())
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

	void retireOpenOfUser(UUID userId, EmailTokenPurpose purpose, Instant now) {
		this.jdbc.sql(RETIRE_OPEN_OF_USER)
			.param("userId", userId)
			.param("purpose", purpose.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	enum EmailTokenPurpose {

		VERIFY_EMAIL("verify_email"), RESET_PASSWORD("reset_password");

		private final String value;

		EmailTokenPurpose(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

	}

}
