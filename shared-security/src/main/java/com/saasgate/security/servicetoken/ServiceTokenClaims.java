package com.saasgate.security.servicetoken;

import java.time.Instant;

/**
 * A verified service token: who called, the user it acts for when it names one, and whether it was
 * signed with the caller's own key ({@code SERVICE_JWT_SECRET_<NAME>}) rather than the shared one.
 * Only a token signed with its issuer's own key proves the issuer: the shared key is held by many.
 */
public record ServiceTokenClaims(String service, String userId, Instant issuedAt, Instant expiresAt,
		boolean signedWithOwnKey) {
}
