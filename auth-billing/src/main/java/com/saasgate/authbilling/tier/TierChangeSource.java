package com.saasgate.authbilling.tier;

/** What caused a tier change; its value is {@code tier_changes.source} and the {@code source} tag. */
public enum TierChangeSource {

	/** A Stripe event (a subscription or invoice changed). */
	STRIPE_WEBHOOK("stripe_webhook"),

	/** A past-due subscription's grace period ran out. */
	PAYMENT_GRACE("payment_grace"),

	TRIAL_EXPIRY("trial_expiry"), OPERATOR("operator");

	private final String value;

	TierChangeSource(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
