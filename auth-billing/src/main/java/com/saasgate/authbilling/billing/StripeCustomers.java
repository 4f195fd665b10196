package com.saasgate.authbilling.billing;

import java.time.Clock;
import java.util.UUID;

import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user's Stripe customer, created on first use and exactly once. Two guards, because either alone
 * has a gap: the user's row is locked while the customer is created, so parallel checkouts of one user
 * wait for the first and then find its id; and the creation carries an idempotency key derived from the
 * user id, so a creation whose answer was lost (a timeout, a crash before commit) is replayed by Stripe
 * on the next try rather than made twice.
 */
@Service
class StripeCustomers {

	private final BillingUserRepository users;

	private final StripeApi stripe;

	private final Clock clock;

	StripeCustomers(BillingUserRepository users, StripeApi stripe, Clock clock) {
		this.users = users;
		this.stripe = stripe;
		this.clock = clock;
	}

	/**
	 * The user's customer id, creating the customer when there is none. The row lock is held during the
	 * Stripe call, which is bounded by {@code STRIPE_TIMEOUT} and {@code STRIPE_MAX_RETRIES}; a failure
	 * rolls back and stores nothing.
	 */
	@Transactional
	String customerFor(UUID userId) {
		BillingUser user = this.users.lockById(userId).orElseThrow(StripeCustomers::unknownUser);
		if (user.stripeCustomerId().isPresent()) {
			return user.stripeCustomerId().get();
		}
		String customerId = this.stripe.createCustomer(userId, user.email());
		// The lock makes this always true; the condition keeps a stored id from ever being overwritten.
		this.users.setCustomerIfNone(userId, customerId, this.clock.instant());
		return customerId;
	}

	static ApiException unknownUser() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", "The account of this token no longer exists.");
	}

}
