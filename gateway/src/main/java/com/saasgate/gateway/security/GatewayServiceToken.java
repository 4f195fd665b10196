package com.saasgate.gateway.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.saasgate.security.contract.ServiceNames;
import com.saasgate.security.servicetoken.SignedServiceTokens;

/**
 * The gateway's own {@code X-Service-Token}: {@code aud} the upstream it goes to (a token sent to one
 * service is worthless at another) and {@code sub} the user the request is for, when there is one, so an
 * upstream reads the user from a signed claim rather than from a header alone. Signed ES256 with the
 * gateway's private key ({@code GATEWAY_SIGNING_KEY}): an upstream verifies it from the gateway's JWKS
 * and cannot mint one, so it cannot pass for the gateway at auth-billing or at another upstream.
 *
 * <p>Signing costs several HMACs' worth, so a token is reused for its (upstream, user) pair and
 * re-issued a minute before it expires (an upstream never receives one about to lapse in flight): a
 * user's requests to one upstream pay for one signature every four minutes. The cache is bounded
 * ({@value #MAX_CACHED} pairs); an evicted pair only costs a new signature. Public for the gateway's
 * own calls to auth-billing (the tier cache's loads).
 */
public final class GatewayServiceToken {

	/**
	 * The route metadata key naming the upstream a route goes to: the {@code aud} of the token the
	 * gateway sends there. Routes to auth-billing need none (they are recognised by their URI).
	 */
	public static final String AUDIENCE_METADATA = "service-token-audience";

	static final int MAX_CACHED = 100_000;

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private final SignedServiceTokens serviceTokens;

	private final Cache<Pair, String> current;

	GatewayServiceToken(SignedServiceTokens serviceTokens, Clock clock) {
		this.serviceTokens = serviceTokens;
		this.current = Caffeine.newBuilder()
			.maximumSize(MAX_CACHED)
			.expireAfterWrite(TTL.minus(RENEW_BEFORE_EXPIRY))
			// The gateway's clock, so that a test's clock moves the renewal too.
			.ticker(() -> clock.millis() * 1_000_000L)
			.build();
	}

	/** The token for auth-billing, for no user. */
	public String get() {
		return get(ServiceNames.AUTH_BILLING);
	}

	/** The token for the named upstream, its {@code aud}, for no user. */
	String get(String audience) {
		return get(audience, null);
	}

	/**
	 * The token for the named upstream and user.
	 * @param userId the user the request is for, put in {@code sub}; {@code null} for none
	 */
	String get(String audience, String userId) {
		// Two threads may both sign here on a miss; either token is valid, so no lock.
		return this.current.get(new Pair(audience, userId), (pair) -> this.serviceTokens.issue(audience, userId, TTL));
	}

	private record Pair(String audience, String userId) {
	}

}
