package com.saasgate.authbilling.tier;

import java.time.Instant;

/** The subscription tiers; their names are the values of {@code users.subscription_tier}. */
public enum Tier {

	FREE_TRIAL("free_trial"), FREE_RESTRICTED("free_restricted"), BASIC("basic"), PRO("pro");

	private final String value;

	Tier(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	/** Whether the tier is sold through Stripe. */
	public boolean paid() {
		return this == BASIC || this == PRO;
	}

	public static Tier of(String value) {
		for (Tier tier : values()) {
			if (tier.value.equals(value)) {
				return tier;
			}
		}
		throw new IllegalArgumentException("Unknown tier");
	}

	/** The tier that limits apply to: a trial whose end has passed never gets trial limits. */
	public static Tier effective(Tier tier, Instant trialEndsAt, Instant now) {
		if (tier == FREE_TRIAL && (trialEndsAt == null || !trialEndsAt.isAfter(now))) {
			return FREE_RESTRICTED;
		}
		return tier;
	}

}
