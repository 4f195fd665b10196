package com.saasgate.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.security.Headers;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes every client-sent {@code X-User-*} and {@code X-Service-Token} header, on every request.
 * Upstreams trust these headers because only the gateway sets them; a client that could send them
 * would choose its own identity and tier.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class HeaderHygieneFilter implements WebFilter {

	private static final String USER_PREFIX = Headers.USER_PREFIX.toLowerCase(Locale.ROOT);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> spoofed = exchange.getRequest()
			.getHeaders()
			.headerNames()
			.stream()
			.filter(HeaderHygieneFilter::isGatewayOwned)
			.toList();
		if (spoofed.isEmpty()) {
			return chain.filter(exchange);
		}
		return chain.filter(RequestHeaders.edit(exchange, (headers) -> remove(headers, spoofed)));
	}

	static boolean isGatewayOwned(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith(USER_PREFIX) || lower.equals(Headers.SERVICE_TOKEN.toLowerCase(Locale.ROOT));
	}

	private static void remove(HttpHeaders headers, List<String> names) {
		names.forEach(headers::remove);
	}

}
