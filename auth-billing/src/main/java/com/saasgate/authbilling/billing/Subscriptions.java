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

	/** Whether the user has a subscription that is trialing, active or past due. */
	@Transactional(readOnly = true)
	public boolean hasLive(UUID userId) {
		return this.repository.existsLive(userId);
	}

}
