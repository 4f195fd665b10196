package com.saasgate.authbilling.ops;

import org.springframework.boot.health.contributor.Status;

/**
 * The statuses beyond Boot's own: {@code DEGRADED} for a helper the service works without (Redis,
 * SMTP, Stripe, a backlog), answered with 200 like UP; {@code NOT_CONFIGURED} for an optional part
 * left unset (Stripe without a key), which does not lower the total. Their order and HTTP codes are
 * in {@code application.yml} ({@code management.endpoint.health.status}).
 */
public final class HealthStatuses {

	public static final Status DEGRADED = new Status("DEGRADED");

	public static final Status NOT_CONFIGURED = new Status("NOT_CONFIGURED");

	private HealthStatuses() {
	}

}
