package com.saasgate.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;

/**
 * Answers 404 for any path naming auth-billing's internal endpoints ({@code /usage/record},
 * {@code /trials/}, {@code /internal/}), wherever it appears and however it is percent-encoded. Those
 * are for services holding a service token, never for the public (API contract section 1). A route
 * added later can therefore not expose them by accident.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class InternalPathFilter implements WebFilter {

	private static final String[] INTERNAL = { "/usage/record", "/trials/", "/internal/" };

	private static final String[] INTERNAL_ENDINGS = { "/trials", "/internal" };

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path;
		try {
			path = UriUtils.decode(exchange.getRequest().getURI().getRawPath(), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(GatewayProblemException.invalidRequest("The request path is not valid."));
		}
		if (isInternal(path)) {
			return Mono.error(GatewayProblemException.notFound());
		}
		return chain.filter(exchange);
	}

	static boolean isInternal(String decodedPath) {
		String path = decodedPath.toLowerCase(Locale.ROOT);
		for (String internal : INTERNAL) {
			if (path.contains(internal)) {
				return true;
			}
		}
		for (String ending : INTERNAL_ENDINGS) {
			if (path.endsWith(ending)) {
				return true;
			}
		}
		return false;
	}

}
