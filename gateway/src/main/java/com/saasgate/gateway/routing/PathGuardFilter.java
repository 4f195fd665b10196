package com.saasgate.gateway.routing;

import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses paths that the gateway and an upstream could read differently. The gateway matches routes
 * on the raw path, while an upstream server may decode and normalise it: {@code /api/auth/%2e%2e/internal/x}
 * matches {@code /api/auth/**} here but is {@code /internal/x} to a normalising upstream. So encoded
 * dots, slashes, backslashes and percent signs, path parameters ({@code ;}), backslashes, NUL, empty
 * segments and dot segments all get 400 before any route is looked at.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PathGuardFilter implements WebFilter {

	private static final String[] FORBIDDEN = { "%2e", "%2f", "%5c", "%25", "%00", ";", "\\", "//" };

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isSafe(exchange.getRequest().getURI().getRawPath())) {
			return Mono.error(GatewayProblemException.invalidRequest("The request path is not allowed."));
		}
		return chain.filter(exchange);
	}

	static boolean isSafe(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return true;
		}
		String lower = rawPath.toLowerCase(Locale.ROOT);
		for (String forbidden : FORBIDDEN) {
			if (lower.contains(forbidden)) {
				return false;
			}
		}
		for (String segment : lower.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

}
