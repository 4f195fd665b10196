package com.saasgate.gateway.routing;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * auth-billing's paths that the gateway routes (API contract section 1), in their canonical form
 * ({@link EdgePath}), the one place they are listed: {@link RouteConfiguration} routes them and
 * {@link RoutedPathFilter} refuses every other auth-billing path. Internal endpoints
 * ({@code /usage/record}, {@code /trials/*}, {@code /internal/*}, ...) are absent, so no spelling of
 * them reaches a route.
 */
final class PublicPaths {

	/** Need no token. */
	static final List<String> AUTH_PUBLIC = List.of("/api/auth/register", "/api/auth/verify-email",
			"/api/auth/resend-verification", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
			"/api/auth/password/forgot", "/api/auth/password/reset");

	/** Need a user. */
	static final List<String> AUTH_USER = List.of("/api/auth/me", "/api/auth/logout-all");

	static final List<String> BILLING_PUBLIC = List.of("/api/billing/plans");

	/** Need a user. */
	static final List<String> BILLING_USER = List.of("/api/billing/checkout", "/api/billing/portal",
			"/api/billing/subscription", "/api/usage/summary");

	/** Stripe's: its signature is the authentication, and the body passes byte for byte. */
	static final List<String> WEBHOOKS = List.of("/api/billing/webhooks");

	/** auth-billing's OpenAPI description, cut to the public API. */
	static final List<String> API_DOCS = List.of("/api/docs");

	static final Set<String> ALL = Set.copyOf(Stream.of(AUTH_PUBLIC, AUTH_USER, BILLING_PUBLIC, BILLING_USER,
			WEBHOOKS, API_DOCS).flatMap(List::stream).toList());

	private PublicPaths() {
	}

	static String[] array(List<String> paths) {
		return paths.toArray(String[]::new);
	}

}
