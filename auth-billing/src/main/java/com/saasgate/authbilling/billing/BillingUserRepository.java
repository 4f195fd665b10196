package com.saasgate.authbilling.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;


import com.saasgate.security.contract.Tier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Billing's columns of {@code users}: the tier and trial it shows, and the Stripe customer id it owns. */
@Repository
class BillingUserRepository {

	private static final String COLUMNS = "id, email, subscription_tier, trial_ends_at, stripe_customer_id";

	private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = :id";

	private static final String FIND_BY_CUSTOMER = "SELECT " + COLUMNS + " FROM users WHERE stripe_customer_id = :customerId";

	/** Serialises every customer creation of one user: the second caller waits, then sees the id. */
	private static final String LOCK_BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE";

	private static final String SET_CUSTOMER_IF_NONE = """
			UPDATE users SET stripe_customer_id = :customerId, updated_at = :now
			WHERE id = :id AND stripe_customer_id IS NULL
			""";

	private final JdbcClient jdbc;

	BillingUserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<BillingUser> findById(UUID id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(BillingUserRepository::mapRow).optional();
	}

	Optional<BillingUser> findByCustomer(String customerId) {
		return this.jdbc.sql(FIND_BY_CUSTOMER).param("customerId", customerId).query(BillingUserRepository::mapRow).optional();
	}

	/** The user's row, locked until the end of the calling transaction. */
	Optional<BillingUser> lockById(UUID id) {
		return this.jdbc.sql(LOCK_BY_ID).param("id", id).query(BillingUserRepository::mapRow).optional();
	}

	/** False when the user already has a customer id, which is then left as it is. */
	boolean setCustomerIfNone(UUID id, String customerId, Instant now) {
		return this.jdbc.sql(SET_CUSTOMER_IF_NONE)
			.param("id", id)
			.param("customerId", customerId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static BillingUser mapRow(ResultSet rs, int rowNum) throws SQLException {
		Timestamp trialEndsAt = rs.getTimestamp("trial_ends_at");
		return new BillingUser(rs.getObject("id", UUID.class), rs.getString("email"),
				Tier.of(rs.getString("subscription_tier")), (trialEndsAt != null) ? trialEndsAt.toInstant() : null,
				Optional.ofNullable(rs.getString("stripe_customer_id")));
	}

}
