package com.saasgate.security.servicetoken;

import java.time.Instant;

/** A verified service token: who called, and the user it acts for when it names one. */
public record ServiceTokenClaims(String service, String userId, Instant issuedAt, Instant expiresAt) {
}
