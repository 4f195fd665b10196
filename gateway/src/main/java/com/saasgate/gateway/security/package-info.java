/**
 * The gateway's half of authentication: verifies users' access tokens on routes that need a user,
 * strips client-sent {@code X-User-*} and {@code X-Service-Token} headers from every request, signs
 * the gateway's own service token for upstreams, applies the CORS allow-list, and refuses to start
 * with missing or (in {@code prod}) weak secrets.
 */
package com.saasgate.gateway.security;
