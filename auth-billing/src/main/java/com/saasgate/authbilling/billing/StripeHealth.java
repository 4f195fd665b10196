package com.saasgate.authbilling.billing;

import java.time.Clock;
import java.time.Instant;

import com.stripe.StripeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.ops.HealthStatuses;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code stripe} in {@code GET /health}: whether Stripe answered the last cheap call (retrieving the
 * balance, which any secret key may do) made every {@code billing.stripe.health-interval} (default
 * 60 s) off the request path, so a health probe never waits on Stripe or adds to its rate limit.
 * Stripe down is DEGRADED (checkout and portal fail; logins, webhooks and usage do not), no key is
 * NOT_CONFIGURED, and before the first call the answer is UNKNOWN.
 */
@Component("stripeHealthIndicator")
class StripeHealth implements HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(StripeHealth.class);

	private final StripeClient stripe;

	private final BillingProperties properties;

	private final Clock clock;

	private volatile Health last = Health.unknown().build();

	StripeHealth(StripeClient stripe, BillingProperties properties, Clock clock) {
		this.stripe = stripe;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Health health() {
		if (!this.properties.stripe().configured()) {
			return Health.status(HealthStatuses.NOT_CONFIGURED).build();
		}
		return this.last;
	}

	@Scheduled(fixedDelayString = "${billing.stripe.health-interval:60s}", initialDelay = 0)
	void check() {
		if (!this.properties.stripe().configured()) {
			return;
		}
		Instant at = this.clock.instant();
		try {
			this.stripe.v1().balance().retrieve();
			this.last = Health.up().withDetail("checkedAt", at.toString()).build();
		}
		catch (Exception ex) {
			if (!HealthStatuses.DEGRADED.equals(this.last.getStatus())) {
				logger.warn("Stripe health check failed: {}", ex.toString());
			}
			this.last = Health.status(HealthStatuses.DEGRADED).withDetail("checkedAt", at.toString()).build();
		}
	}

}
