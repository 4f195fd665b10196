package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.saasgate.security.servicetoken.ServiceTokens;

/**
 * The gateway's own {@code X-Service-Token} for auth-billing: one token, signed without a user and
 * shared by all requests, re-issued a minute before it expires so an upstream never receives one
 * about to lapse in flight.
 */
final class GatewayServiceToken {

	static final String ISSUER = "gateway";

	static final String AUDIENCE = "auth-billing";

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private final ServiceTokens serviceTokens;

	private final Clock clock;

	private final AtomicReference<Cached> current = new AtomicReference<>();

	GatewayServiceToken(ServiceTokens serviceTokens, Clock clock) {
		this.serviceTokens = serviceTokens;
		this.clock = clock;
	}

	String get() {
		Instant now = this.clock.instant();
		Cached cached = this.current.get();
		if (cached == null || !now.isBefore(cached.renewAt())) {
			// Two threads may both re-issue here; either token is valid, so no lock.
			cached = new Cached(this.serviceTokens.issue(ISSUER, AUDIENCE, null, TTL),
					now.plus(TTL).minus(RENEW_BEFORE_EXPIRY));
			this.current.set(cached);
		}
		return cached.token();
	}

	private record Cached(String token, Instant renewAt) {
	}

}
