/**
 * The gateway: the suite's only public entry point. It checks paths, verifies users' access tokens,
 * strips client-sent identity headers, applies the CORS allow-list, holds every user to their tier's
 * rate limit and metered quota, and forwards to auth-billing and the configured upstreams with its own
 * service token. Sub-packages: {@code routing} (routes, upstreams and path rules), {@code security}
 * (tokens, header hygiene, CORS, secret checks), {@code tiercache} (the effective tier, Redis
 * channels), {@code ratelimit} (per-tier token buckets), {@code quota} (metered routes),
 * {@code error} (problem documents), {@code ops} (health on the public port).
 */
package com.saasgate.gateway;
