package com.saasgate.authbilling.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the access token from {@code Authorization: Bearer} (RFC 6750 section 2.1; never from a query
 * or form parameter), and only on user paths: on a public path a stale token must not turn
 * {@code /auth/refresh} into a 401, and on a service path the service token alone counts.
 */
final class UserBearerTokenResolver implements BearerTokenResolver {

	private static final String PREFIX = "Bearer ";

	private final AccessRules rules;

	UserBearerTokenResolver(AccessRules rules) {
		this.rules = rules;
	}

	@Override
	public String resolve(HttpServletRequest request) {
		if (!this.rules.isUserPath(request)) {
			return null;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			return null;
		}
		if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			throw new NotBearerException();
		}
		String token = header.substring(PREFIX.length()).strip();
		if (token.isEmpty()) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("empty Bearer token"));
		}
		return token;
	}

}
