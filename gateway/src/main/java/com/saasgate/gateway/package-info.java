/**
 * The gateway: the suite's only public entry point. It checks paths, verifies users' access tokens,
 * strips client-sent identity headers, applies the CORS allow-list and forwards to auth-billing (and,
 * later, other services) with its own service token. Sub-packages: {@code routing} (routes and path
 * rules), {@code security} (tokens, header hygiene, CORS, secret checks), {@code error} (problem
 * documents), {@code ops} (health on the public port).
 */
package com.saasgate.gateway;
