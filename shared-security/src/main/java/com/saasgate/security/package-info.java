/**
 * Token issuing and verification shared by auth-billing and the gateway: user access tokens,
 * refresh tokens and service tokens (all HS256 JWTs, each kind with its own key and {@code typ}), and
 * the names of the headers the services exchange. A plain library: no Spring here.
 */
package com.saasgate.security;
