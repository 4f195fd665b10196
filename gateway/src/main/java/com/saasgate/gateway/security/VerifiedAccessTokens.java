package com.saasgate.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import com.saasgate.security.jwt.AccessTokenClaims;
import com.saasgate.security.jwt.InvalidTokenException;

/**
 * Access tokens the gateway has verified, until their {@code exp}: an ES256 verification costs several
 * HMACs' worth, so a user's requests pay for one. Keyed by the SHA-256 of the token (the token itself is
 * a bearer credential: no need to keep it in memory), bounded ({@value #MAX_CACHED} tokens, least recently
 * used evicted: an evicted token is only verified again). Only tokens that passed every check are put
 * here, and each leaves at its own {@code exp}; a retired signing key is retired after the access-token
 * lifetime, so no cached token outlives its key's publication.
 * <p>
 * Requests that arrive together with a token not yet verified share one verification: a client's burst
 * of 80 parallel first requests with a fresh token (e2e {@code UpstreamRateLimitIT}) made 80 ES256
 * verifications on the event loops, long enough under load for the Redis rate limiter's calls to time out
 * and its breaker to open. A failed verification is not kept: the next request tries again.
 */
final class VerifiedAccessTokens {

	static final int MAX_CACHED = 100_000;

	private final Clock clock;

	private final AsyncCache<String, AccessTokenClaims> verified;

	VerifiedAccessTokens(Clock clock) {
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_CACHED)
			.expireAfter(Expiry.creating((String hash, AccessTokenClaims claims) -> untilExpiry(claims)))
			.ticker(() -> clock.millis() * 1_000_000L)
			.buildAsync();
	}

	/**
	 * The claims of {@code token}: from the cache while it holds them and the token has not expired, else
	 * from {@code verification}, which runs once for all the requests waiting on the same token.
	 * @param token the bearer token as sent
	 * @param verification verifies the token, failing with the reason it is refused
	 * @return the claims of a verified, unexpired token, or the verification's error
	 */
	Mono<AccessTokenClaims> get(String token, Function<String, Mono<AccessTokenClaims>> verification) {
		String key = hash(token);
		CompletableFuture<AccessTokenClaims> claims = this.verified.get(key,
				(hash, executor) -> verification.apply(token).toFuture());
		// Another request's disconnect must not cancel the verification this one waits on.
		return Mono.fromFuture(claims, true).flatMap((verified) -> {
			// The cache's own expiry has millisecond steps: never answer for a token at or past its exp.
			if (unexpired(verified)) {
				return Mono.just(verified);
			}
			this.verified.synchronous().invalidate(key);
			return verification.apply(token)
				.filter(this::unexpired)
				.switchIfEmpty(Mono.error(() -> new InvalidTokenException("The access token has expired")));
		});
	}

	private boolean unexpired(AccessTokenClaims claims) {
		return this.clock.instant().isBefore(claims.expiresAt());
	}

	long size() {
		this.verified.synchronous().cleanUp();
		return this.verified.synchronous().estimatedSize();
	}

	private Duration untilExpiry(AccessTokenClaims claims) {
		Duration left = Duration.between(this.clock.instant(), claims.expiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
