package com.saasgate.security.jwt;

import java.time.Instant;

/** A freshly signed token with its id and expiry. */
public record IssuedToken(String token, String tokenId, Instant expiresAt) {
}
