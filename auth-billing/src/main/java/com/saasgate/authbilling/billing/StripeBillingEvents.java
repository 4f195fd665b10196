package com.saasgate.authbilling.billing;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.tier.TierChangeSource;
import com.saasgate.authbilling.webhooks.StripeEventDeferred;
import com.saasgate.authbilling.webhooks.StripeEventHandler;
import com.saasgate.authbilling.webhooks.StripeObjectFields;

import org.springframework.stereotype.Component;

/**
 * What Stripe's events change in billing. The applier calls this once per event, in the transaction
 * that marks the event applied. The user of an event is found by its Stripe customer, then by its
 * subscription, then by the {@code userId} metadata our checkout sets; an event of no known user is
 * deferred (retried with back-off), since the checkout that links it may still be on its way.
 */
@Component
class StripeBillingEvents implements StripeEventHandler {

	private static final Logger logger = LoggerFactory.getLogger(StripeBillingEvents.class);

	static final String CHECKOUT_COMPLETED = "checkout.session.completed";

	static final String SUBSCRIPTION_CREATED = "customer.subscription.created";

	static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";

	static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";

	static final String TRIAL_WILL_END = "customer.subscription.trial_will_end";

	static final String INVOICE_PAID = "invoice.paid";

	static final String PAYMENT_FAILED = "invoice.payment_failed";

	private final SubscriptionRepository subscriptions;

	private final BillingUserRepository users;

	private final SubscriptionTiers tiers;

	private final Plans plans;

	private final MailOutbox mail;

	private final BillingMails mails;

	StripeBillingEvents(SubscriptionRepository subscriptions, BillingUserRepository users, SubscriptionTiers tiers,
			Plans plans, MailOutbox mail, BillingMails mails) {
		this.subscriptions = subscriptions;
		this.users = users;
		this.tiers = tiers;
		this.plans = plans;
		this.mail = mail;
		this.mails = mails;
	}

	@Override
	public Set<String> types() {
		return Set.of(CHECKOUT_COMPLETED, SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED,
				TRIAL_WILL_END, INVOICE_PAID, PAYMENT_FAILED);
	}

	@Override
	public void apply(StripeObjectFields event) {
		switch (event.type()) {
			case CHECKOUT_COMPLETED -> checkoutCompleted(event);
			case SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED -> subscriptionChanged(event);
			case TRIAL_WILL_END -> this.mail.enqueue(this.mails.trialWillEnd(user(event).email(), event.trialEnd()));
			case INVOICE_PAID -> invoicePaid(event);
			case PAYMENT_FAILED -> this.mail.enqueue(this.mails.paymentFailed(user(event).email(), event.amountDue(),
					event.currency(), event.hostedInvoiceUrl()));
			default -> throw new IllegalArgumentException("Not a billing event: " + event.type());
		}
	}

	/** Links the customer and the subscription to the user who started the checkout. */
	private void checkoutCompleted(StripeObjectFields event) {
		Optional<BillingUser> found = byId(event.clientReferenceId()).or(() -> byId(event.userId()));
		if (found.isEmpty() || event.customerId() == null) {
			logger.warn("Checkout session {} names no user of ours or no customer; nothing to link", event.objectId());
			return;
		}
		BillingUser user = found.get();
		if (!this.users.setCustomerIfNone(user.id(), event.customerId(), event.created())
				&& !user.stripeCustomerId().orElse("").equals(event.customerId())) {
			logger.warn("Checkout session {} of user {} has customer {}, the user has {}; the user keeps theirs",
					event.objectId(), user.id(), event.customerId(), user.stripeCustomerId().orElse(null));
		}
		if (event.subscriptionId() != null) {
			this.subscriptions.insertPlaceholderIfAbsent(event.subscriptionId(), user.id(), event.customerId(),
					event.created());
		}
	}

	private void subscriptionChanged(StripeObjectFields event) {
		if (event.subscriptionId() == null || event.status() == null || event.customerId() == null) {
			throw new StripeEventDeferred("The subscription lacks its id, status or customer");
		}
		BillingUser user = user(event);
		Subscription subscription = new Subscription(event.subscriptionId(), user.id(), event.customerId(),
				event.status(), event.priceId(), this.plans.tierForPrice(event.priceId()), event.currentPeriodStart(),
				event.currentPeriodEnd(), Boolean.TRUE.equals(event.cancelAtPeriodEnd()), event.trialEnd(),
				event.canceledAt(), (event.objectCreated() != null) ? event.objectCreated() : event.created(),
				event.created());
		if (!this.subscriptions.upsertIfNotOlder(subscription)) {
			logger.info("Stripe event {} is older than what subscription {} holds, or the subscription ended; "
					+ "nothing changed", event.eventId(), event.subscriptionId());
			return;
		}
		this.tiers.sync(user.id(), TierChangeSource.STRIPE_WEBHOOK, event.type() + " " + event.eventId());
	}

	private void invoicePaid(StripeObjectFields event) {
		if (event.subscriptionId() == null) {
			return;
		}
		Subscription subscription = this.subscriptions.findById(event.subscriptionId())
			.orElseThrow(() -> new StripeEventDeferred("Subscription " + event.subscriptionId() + " is not known yet"));
		Optional<com.saasgate.security.contract.Tier> tier = (event.priceId() != null)
				? this.plans.tierForPrice(event.priceId()) : Optional.empty();
		if (this.subscriptions.markPaidIfNotOlder(subscription.id(), event.priceId(), tier,
				event.currentPeriodStart(), event.currentPeriodEnd(), event.created())) {
			this.tiers.sync(subscription.userId(), TierChangeSource.STRIPE_WEBHOOK,
					event.type() + " " + event.eventId());
		}
	}

	private BillingUser user(StripeObjectFields event) {
		return Optional.ofNullable(event.customerId())
			.flatMap(this.users::findByCustomer)
			.or(() -> Optional.ofNullable(event.subscriptionId())
				.flatMap(this.subscriptions::findById)
				.flatMap((subscription) -> this.users.findById(subscription.userId())))
			.or(() -> byId(event.userId()))
			.orElseThrow(() -> new StripeEventDeferred("No user has customer " + event.customerId()
					+ " or subscription " + event.subscriptionId() + " yet"));
	}

	private Optional<BillingUser> byId(String userId) {
		if (userId == null) {
			return Optional.empty();
		}
		try {
			return this.users.findById(UUID.fromString(userId));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
