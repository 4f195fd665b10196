package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.saasgate.security.servicetoken.ServiceTokens;

/**
 * The gateway's own {@code X-Service-Token}, one per upstream ({@code aud} is the upstream it goes to,
 * so a token sent to one service is worthless at another): signed without a user, with the gateway's
 * own key when it has one, shared by all requests to that upstream, and re-issued a minute before it
 * expires so an upstream never receives one about to lapse in flight. Public for the gateway's own
 * calls to auth-billing (the tier cache's loads).
 */
public final class GatewayServiceToken {

	/**
	 * The route metadata key naming the upstream a route goes to: the {@code aud} of the token the
	 * gateway sends there. Routes to auth-billing need none (they are recognised by their URI).
	 */
	public static final String AUDIENCE_METADATA = "service-token-audience";

	static final String ISSUER = "gateway";

	static final String AUTH_BILLING = "auth-billing";

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private final ServiceTokens serviceTokens;

	private final Clock clock;

	private final Map<String, Cached> current = new ConcurrentHashMap<>();

	GatewayServiceToken(ServiceTokens serviceTokens, Clock clock) {
		this.serviceTokens = serviceTokens;
		this.clock = clock;
	}

	/** The token for auth-billing. */
	public String get() {
		return get(AUTH_BILLING);
	}

	/** The token for the named upstream, its {@code aud}. */
	String get(String audience) {
		Instant now = this.clock.instant();
		Cached cached = this.current.get(audience);
		if (cached == null || !now.isBefore(cached.renewAt())) {
			// Two threads may both re-issue here; either token is valid, so no lock.
			cached = new Cached(this.serviceTokens.issue(ISSUER, audience, null, TTL),
					now.plus(TTL).minus(RENEW_BEFORE_EXPIRY));
			this.current.put(audience, cached);
		}
		return cached.token();
	}

	private record Cached(String token, Instant renewAt) {
	}

}
