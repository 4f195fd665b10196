package com.saasgate.security.jwt;

import java.time.Instant;
import java.util.UUID;

/** What a verified access token says about its user. */
public record AccessTokenClaims(UUID userId, String email, String role, String tokenId, Instant issuedAt,
		Instant expiresAt) {
}
