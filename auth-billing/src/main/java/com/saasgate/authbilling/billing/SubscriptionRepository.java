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

/** The {@code subscriptions} table. */
@Repository
class SubscriptionRepository {

	private static final String COLUMNS = """
			id, user_id, customer_id, status, price_id, tier, current_period_start, current_period_end,
			cancel_at_period_end, trial_end, canceled_at, stripe_created_at, last_event_at
			""";

	/** A live subscription (one being paid for, or in its trial) first, then the newest. */
	private static final String FIND_CURRENT = """
			SELECT %s FROM subscriptions WHERE user_id = :userId
			ORDER BY (status IN ('trialing', 'active', 'past_due')) DESC, stripe_created_at DESC, id
			LIMIT 1
			""".formatted(COLUMNS);

	/** {@link #FIND_CURRENT} of many users in one statement. */
	private static final String FIND_CURRENT_OF_USERS = """
			SELECT DISTINCT ON (user_id) %s FROM subscriptions WHERE user_id = ANY(CAST(:userIds AS uuid[]))
			ORDER BY user_id, (status IN ('trialing', 'active', 'past_due')) DESC, stripe_created_at DESC, id
			""".formatted(COLUMNS);

	private static final String EXISTS_LIVE = """
			SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = :userId AND status IN ('trialing', 'active', 'past_due'))
			""";

	/**
	 * Inserts or updates a subscription, unless the row already holds a newer event: Stripe delivers
	 * unordered, and an older event must not overwrite newer state. Events of the same second may
	 * apply in either order (Stripe's {@code created} has second precision). A subscription that
	 * ended ({@code canceled}, {@code incomplete_expired}: Stripe never revives those) is not brought
	 * back by any later event but another ending. {@code past_due_since} is when Stripe first
	 * reported the current stretch of {@code past_due}.
	 */
	private static final String UPSERT_IF_NOT_OLDER = """
			INSERT INTO subscriptions (id, user_id, customer_id, status, price_id, tier, current_period_start,
			    current_period_end, cancel_at_period_end, trial_end, canceled_at, stripe_created_at, last_event_at,
			    past_due_since)
			VALUES (:id, :userId, :customerId, :status, :priceId, :tier, :currentPeriodStart, :currentPeriodEnd,
			    :cancelAtPeriodEnd, :trialEnd, :canceledAt, :stripeCreatedAt, :lastEventAt,
			    CASE WHEN :status = 'past_due' THEN CAST(:lastEventAt AS timestamptz) END)
			ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, price_id = EXCLUDED.price_id,
			    tier = EXCLUDED.tier, current_period_start = EXCLUDED.current_period_start,
			    current_period_end = EXCLUDED.current_period_end, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
			    trial_end = EXCLUDED.trial_end, canceled_at = EXCLUDED.canceled_at,
			    stripe_created_at = EXCLUDED.stripe_created_at, last_event_at = EXCLUDED.last_event_at,
			    past_due_since = CASE WHEN EXCLUDED.status = 'past_due'
			        THEN COALESCE(subscriptions.past_due_since, EXCLUDED.past_due_since) END,
			    updated_at = now()
			WHERE subscriptions.last_event_at <= EXCLUDED.last_event_at
			    AND (subscriptions.status NOT IN ('canceled', 'incomplete_expired')
			        OR EXCLUDED.status IN ('canceled', 'incomplete_expired'))
			""";

	/**
	 * Links a subscription a checkout created to its user before Stripe's subscription events
	 * arrive: {@code incomplete}, with an event time older than any event, so that whichever event
	 * comes overwrites it.
	 */
	private static final String INSERT_PLACEHOLDER_IF_ABSENT = """
			INSERT INTO subscriptions (id, user_id, customer_id, status, stripe_created_at, last_event_at)
			VALUES (:id, :userId, :customerId, 'incomplete', :createdAt, to_timestamp(0))
			ON CONFLICT (id) DO NOTHING
			""";

	/** A paid invoice makes an unpaid subscription active, unless the row holds a newer event. */
	private static final String MARK_PAID_IF_NOT_OLDER = """
			UPDATE subscriptions SET status = 'active', past_due_since = NULL,
			    price_id = COALESCE(price_id, :priceId), tier = COALESCE(tier, :tier),
			    current_period_start = COALESCE(:periodStart, current_period_start),
			    current_period_end = COALESCE(:periodEnd, current_period_end),
			    last_event_at = :eventAt, updated_at = now()
			WHERE id = :id AND last_event_at <= :eventAt AND status IN ('incomplete', 'past_due', 'unpaid')
			""";

	private static final String FIND_BY_ID = "SELECT %s FROM subscriptions WHERE id = :id".formatted(COLUMNS);

	/** Users still on a paid tier whose subscription has been past due since before {@code cutoff}. */
	private static final String USERS_PAST_GRACE = """
			SELECT DISTINCT s.user_id FROM subscriptions s JOIN users u ON u.id = s.user_id
			WHERE s.status = 'past_due' AND s.past_due_since <= :cutoff AND u.subscription_tier IN ('basic', 'pro')
			LIMIT :limit
			""";

	private final JdbcClient jdbc;

	SubscriptionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Subscription> findCurrent(UUID userId) {
		return this.jdbc.sql(FIND_CURRENT).param("userId", userId).query(SubscriptionRepository::mapRow).optional();
	}

	java.util.List<Subscription> findCurrent(java.util.Collection<UUID> userIds) {
		return this.jdbc.sql(FIND_CURRENT_OF_USERS)
			.param("userIds", userIds.stream().map(UUID::toString).toArray(String[]::new))
			.query(SubscriptionRepository::mapRow)
			.list();
	}

	boolean existsLive(UUID userId) {
		return this.jdbc.sql(EXISTS_LIVE).param("userId", userId).query(Boolean.class).single();
	}

	/** False when the row holds a newer event and was left as it was. */
	boolean upsertIfNotOlder(Subscription s) {
		return this.jdbc.sql(UPSERT_IF_NOT_OLDER)
			.param("id", s.id())
			.param("userId", s.userId())
			.param("customerId", s.customerId())
			.param("status", s.status())
			.param("priceId", s.priceId())
			.param("tier", s.tier().map(Tier::value).orElse(null))
			.param("currentPeriodStart", timestamp(s.currentPeriodStart()))
			.param("currentPeriodEnd", timestamp(s.currentPeriodEnd()))
			.param("cancelAtPeriodEnd", s.cancelAtPeriodEnd())
			.param("trialEnd", timestamp(s.trialEnd()))
			.param("canceledAt", timestamp(s.canceledAt()))
			.param("stripeCreatedAt", timestamp(s.stripeCreatedAt()))
			.param("lastEventAt", timestamp(s.lastEventAt()))
			.update() == 1;
	}

	/** False when the subscription is already known. */
	boolean insertPlaceholderIfAbsent(String id, UUID userId, String customerId, Instant createdAt) {
		return this.jdbc.sql(INSERT_PLACEHOLDER_IF_ABSENT)
			.param("id", id)
			.param("userId", userId)
			.param("customerId", customerId)
			.param("createdAt", Timestamp.from(createdAt))
			.update() == 1;
	}

	/** False when the row holds a newer event or is not waiting for a payment. */
	boolean markPaidIfNotOlder(String id, String priceId, Optional<Tier> tier, Instant periodStart, Instant periodEnd,
			Instant eventAt) {
		return this.jdbc.sql(MARK_PAID_IF_NOT_OLDER)
			.param("id", id)
			.param("priceId", priceId)
			.param("tier", tier.map(Tier::value).orElse(null))
			.param("periodStart", timestamp(periodStart))
			.param("periodEnd", timestamp(periodEnd))
			.param("eventAt", timestamp(eventAt))
			.update() == 1;
	}

	Optional<Instant> pastDueSince(String id) {
		return this.jdbc.sql("SELECT past_due_since FROM subscriptions WHERE id = :id AND past_due_since IS NOT NULL")
			.param("id", id)
			.query((rs, rowNum) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	Optional<Subscription> findById(String id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(SubscriptionRepository::mapRow).optional();
	}

	java.util.List<UUID> usersPastGrace(Instant cutoff, int limit) {
		return this.jdbc.sql(USERS_PAST_GRACE)
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Subscription mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Subscription(rs.getString("id"), rs.getObject("user_id", UUID.class), rs.getString("customer_id"),
				rs.getString("status"), rs.getString("price_id"), Optional.ofNullable(rs.getString("tier")).map(Tier::of),
				instant(rs, "current_period_start"), instant(rs, "current_period_end"),
				rs.getBoolean("cancel_at_period_end"), instant(rs, "trial_end"), instant(rs, "canceled_at"),
				instant(rs, "stripe_created_at"), instant(rs, "last_event_at"));
	}

}
