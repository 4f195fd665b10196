/**
 * Token issuing and verification shared by auth-billing and the gateway: user access tokens,
 * refresh tokens and service tokens (all HS256 JWTs, each kind with its own key and {@code typ}), and
 * the wire contract both services compile against: the names of the headers they exchange
 * ({@link com.saasgate.security.Headers}) and, in {@code contract}, tiers, Redis channels and service
 * names. A plain library: no Spring here.
 */
package com.saasgate.security;
