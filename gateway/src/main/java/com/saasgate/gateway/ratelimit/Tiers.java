package com.saasgate.gateway.ratelimit;

import java.util.List;

/**
 * The contract's fixed tier set. Metrics are labelled only with these; a tier outside it (which
 * auth-billing never sends) is limited, and counted, as {@code free_restricted}, the tightest.
 */
final class Tiers {

	static final String FREE_TRIAL = "free_trial";

	static final String FREE_RESTRICTED = "free_restricted";

	static final String BASIC = "basic";

	static final String PRO = "pro";

	static final List<String> ALL = List.of(FREE_TRIAL, FREE_RESTRICTED, BASIC, PRO);

	private Tiers() {
	}

	/** The tier itself when it is one of the four, else {@link #FREE_RESTRICTED}. */
	static String known(String tier) {
		return ALL.contains(tier) ? tier : FREE_RESTRICTED;
	}

}
