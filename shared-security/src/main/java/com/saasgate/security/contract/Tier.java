package com.saasgate.security.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscription tiers (API contract section 3). Their names are the values of
 * {@code users.subscription_tier}, of {@code X-User-Tier} and of the tier fields of
 * {@code user_tier_changed}. The effective-tier rule lives here and nowhere else: auth-billing applies
 * it when it answers, the gateway again to what it cached.
 */
public enum Tier {

	FREE_TRIAL("free_trial"), FREE_RESTRICTED("free_restricted"), BASIC("basic"), PRO("pro");

	private final String value;

	Tier(String value) {
		this.value = value;
	}

	/** The name on the wire and in the database. */
	public String value() {
		return this.value;
	}

	/** Whether the tier is sold through Stripe. */
	public boolean paid() {
		return this == BASIC || this == PRO;
	}

	/**
	 * The tier of that name.
	 * @throws IllegalArgumentException for a name that is not one of the four (null included)
	 */
	public static Tier of(String value) {
		return find(value).orElseThrow(() -> new IllegalArgumentException("Unknown tier"));
	}

	/** The tier of that name, or empty for a name that is not one of the four (null included). */
	public static Optional<Tier> find(String value) {
		for (Tier tier : values()) {
			if (tier.value.equals(value)) {
				return Optional.of(tier);
			}
		}
		return Optional.empty();
	}

	/**
	 * The tier of that name, or {@link #FREE_RESTRICTED}, the tightest, for a name this version does not
	 * know (null included): what limits apply to a tier nobody here can interpret.
	 */
	public static Tier orRestricted(String value) {
		return find(value).orElse(FREE_RESTRICTED);
	}

	/**
	 * The tier that limits apply to: a trial whose end has passed, or that has no end, never gets trial
	 * limits. The end itself counts as passed ({@code trialEndsAt == now} is restricted).
	 */
	public static Tier effective(Tier tier, Instant trialEndsAt, Instant now) {
		Objects.requireNonNull(tier, "tier must not be null");
		Objects.requireNonNull(now, "now must not be null");
		if (tier == FREE_TRIAL && (trialEndsAt == null || !trialEndsAt.isAfter(now))) {
			return FREE_RESTRICTED;
		}
		return tier;
	}

	/**
	 * {@link #effective(Tier, Instant, Instant)} on a name as it travels: a name this version does not
	 * know comes back unchanged (what to limit it as is the caller's choice, see {@link #orRestricted}).
	 */
	public static String effective(String tier, Instant trialEndsAt, Instant now) {
		Objects.requireNonNull(tier, "tier must not be null");
		return find(tier).map((known) -> effective(known, trialEndsAt, now).value()).orElse(tier);
	}

}
