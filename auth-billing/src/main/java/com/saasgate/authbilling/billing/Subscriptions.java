package com.saasgate.authbilling.billing;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The subscriptions Stripe reported, for other modules to read (usage periods, for one). */
@Service
public class Subscriptions {

	private final SubscriptionRepository repository;

	Subscriptions(SubscriptionRepository repository) {
		this.repository = repository;
	}

	/** The user's live subscription if there is one, else the newest; empty when there was never one. */
	@Transactional(readOnly = true)
	public Optional<Subscription> current(UUID userId) {
		return this.repository.findCurrent(userId);
	}

	/** {@link #current(UUID)} of each of the users that has one, by user. */
	@Transactional(readOnly = true)
	public java.util.Map<UUID, Subscription> current(java.util.Collection<UUID> userIds) {
		java.util.Map<UUID, Subscription> byUser = new java.util.HashMap<>();
		if (!userIds.isEmpty()) {
			this.repository.findCurrent(userIds).forEach((subscription) -> byUser.put(subscription.userId(), subscription));
		}
		return byUser;
	}

	/** Whether the user has a subscription that is trialing, active or past due. */
	@Transactional(readOnly = true)
	public boolean hasLive(UUID userId) {
		return this.repository.existsLive(userId);
	}

}
