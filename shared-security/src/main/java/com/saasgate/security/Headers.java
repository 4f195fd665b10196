package com.saasgate.security;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Header names of the wire contract: those the gateway and the services exchange, and those of the
 * public API that both services name (CORS, limits, idempotency). Anything starting with
 * {@link #USER_PREFIX} and {@link #SERVICE_TOKEN} are set only by the gateway: it strips client-sent
 * copies. Standard HTTP headers ({@code Retry-After}, {@code Authorization}) are Spring's
 * {@code HttpHeaders} constants.
 */
public final class Headers {

	public static final String USER_PREFIX = "X-User-";

	public static final String USER_ID = "X-User-Id";

	public static final String USER_TIER = "X-User-Tier";

	public static final String SERVICE_TOKEN = "X-Service-Token";

	public static final String REQUEST_ID = "X-Request-Id";

	/**
	 * The client address the gateway resolved (the TCP peer, or the right-most untrusted
	 * {@code X-Forwarded-For} hop behind {@code TRUSTED_PROXIES}). Set only by the gateway, which strips
	 * client-sent copies; a service believes it only on a request with the gateway's service token.
	 */
	public static final String CLIENT_ADDRESS = "X-Client-Address";

	/**
	 * A client's key for a write that must happen once (API contract section 4): the same key from the
	 * same caller replays the first answer.
	 */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** The requests per minute of the user's tier, on every response the gateway's limiter allowed. */
	public static final String RATE_LIMIT_LIMIT = "X-RateLimit-Limit";

	/** The requests left in the user's current window, beside {@link #RATE_LIMIT_LIMIT}. */
	public static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";

	/** The proxies' client chain, read by the gateway behind {@code TRUSTED_PROXIES} only. */
	public static final String FORWARDED_FOR = "X-Forwarded-For";

	// Short and plain: an arbitrary client value would end up in every service's logs.
	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private Headers() {
	}

	/** The client's {@link #REQUEST_ID} when it is short and plain, else a fresh random (version 4) UUID. */
	public static String requestIdOrNew(String fromClient) {
		return (fromClient != null && SANE_REQUEST_ID.matcher(fromClient).matches()) ? fromClient : randomUuid();
	}

	/**
	 * A version 4 UUID from {@link ThreadLocalRandom}: a request id must be unique, not unguessable (it is
	 * echoed to the client and logged, never trusted), so it need not take {@code UUID.randomUUID}'s shared
	 * {@code SecureRandom} on every request.
	 */
	private static String randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
