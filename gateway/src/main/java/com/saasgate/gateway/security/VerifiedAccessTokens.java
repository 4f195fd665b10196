package com.saasgate.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import com.saasgate.security.jwt.AccessTokenClaims;

/**
 * Access tokens the gateway has verified, until their {@code exp}: an ES256 verification costs several
 * HMACs' worth, so a user's requests pay for one. Keyed by the SHA-256 of the token (the token itself is
 * a bearer credential: no need to keep it in memory), bounded ({@value #MAX_CACHED} tokens, least recently
 * used evicted: an evicted token is only verified again). Only tokens that passed every check are put
 * here, and each leaves at its own {@code exp}; a retired signing key is retired after the access-token
 * lifetime, so no cached token outlives its key's publication.
 */
final class VerifiedAccessTokens {

	static final int MAX_CACHED = 100_000;

	private final Clock clock;

	private final Cache<String, AccessTokenClaims> verified;

	VerifiedAccessTokens(Clock clock) {
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_CACHED)
			.expireAfter(Expiry.creating((String hash, AccessTokenClaims claims) -> untilExpiry(claims)))
			.ticker(() -> clock.millis() * 1_000_000L)
			.build();
	}

	/** The claims of a token verified before and not yet expired; {@code null} otherwise. */
	AccessTokenClaims get(String token) {
		AccessTokenClaims claims = this.verified.getIfPresent(hash(token));
		// The cache's own expiry has millisecond steps: never answer for a token at or past its exp.
		return (claims != null && this.clock.instant().isBefore(claims.expiresAt())) ? claims : null;
	}

	/** Remembers a token that passed verification. */
	void put(String token, AccessTokenClaims claims) {
		if (this.clock.instant().isBefore(claims.expiresAt())) {
			this.verified.put(hash(token), claims);
		}
	}

	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
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
