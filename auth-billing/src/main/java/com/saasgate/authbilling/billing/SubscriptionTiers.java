package com.saasgate.authbilling.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.tier.TierChangeOutcome;
import com.saasgate.authbilling.tier.TierChangeSource;
import com.saasgate.authbilling.tier.TierChanges;
import com.saasgate.security.contract.Tier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings a user's tier in line with their subscriptions, through the tier module (the only writer of
 * tiers). The subscription that counts is the live one if there is one, else the newest:
 * <ul>
 * <li>{@code active} or {@code trialing}: the tier of its price; a price no tier has changes nothing
 * (it is counted and alerted on by {@link Plans#tierForPrice})</li>
 * <li>{@code past_due}: the paid tier until {@code billing.past-due-grace} after it turned past due,
 * then {@code free_restricted}</li>
 * <li>{@code incomplete}: nothing yet (the first payment is still being made)</li>
 * <li>ended or suspended ({@code canceled}, {@code unpaid}, {@code incomplete_expired},
 * {@code paused}): {@code free_restricted}, for a user on a paid tier; a user still in the free trial
 * keeps it</li>
 * </ul>
 */
@Component
class SubscriptionTiers {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionTiers.class);

	private final SubscriptionRepository subscriptions;

	private final BillingUserRepository users;

	private final TierChanges tiers;

	private final BillingProperties properties;

	private final Clock clock;

	SubscriptionTiers(SubscriptionRepository subscriptions, BillingUserRepository users, TierChanges tiers,
			BillingProperties properties, Clock clock) {
		this.subscriptions = subscriptions;
		this.users = users;
		this.tiers = tiers;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Applies the tier the user's subscriptions give, if it differs; {@code why} is recorded with it.
	 * @return whether the tier changed
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean sync(UUID userId, TierChangeSource source, String why) {
		BillingUser user = this.users.lockById(userId).orElse(null);
		if (user == null) {
			return false;
		}
		Optional<Subscription> current = this.subscriptions.findCurrent(userId);
		Optional<Tier> wanted = current.flatMap((subscription) -> wanted(user, subscription));
		if (wanted.isEmpty() || wanted.get() == user.tier()) {
			return false;
		}
		Subscription subscription = current.get();
		String reason = why + ": " + subscription.id() + " " + subscription.status();
		logger.info("User {}: {} -> {} ({})", userId, user.tier().value(), wanted.get().value(), reason);
		return this.tiers.change(userId, wanted.get(), source, reason) instanceof TierChangeOutcome.Changed;
	}

	private Optional<Tier> wanted(BillingUser user, Subscription subscription) {
		return switch (subscription.status()) {
			case "active", "trialing" -> subscription.tier();
			case "past_due" -> inGrace(subscription) ? subscription.tier() : Optional.of(Tier.FREE_RESTRICTED);
			case "incomplete" -> Optional.empty();
			default -> user.tier().paid() ? Optional.of(Tier.FREE_RESTRICTED) : Optional.empty();
		};
	}

	private boolean inGrace(Subscription subscription) {
		Instant since = this.subscriptions.pastDueSince(subscription.id()).orElse(subscription.lastEventAt());
		return this.clock.instant().isBefore(since.plus(this.properties.pastDueGrace()));
	}

}
