package com.saasgate.security.jwt;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token's identity: its own id, its user, and the family (every token descended from one
 * login) it belongs to.
 */
public record RefreshTokenClaims(UUID tokenId, UUID userId, UUID familyId, Instant expiresAt) {
}
