package com.saasgate.authbilling.tier;

/** What caused a tier change; its value is {@code tier_changes.source} and the {@code source} tag. */
public enum TierChangeSource {

	STRIPE_WEBHOOK("stripe_webhook"), TRIAL_EXPIRY("trial_expiry"), OPERATOR("operator");

	private final String value;

	TierChangeSource(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
