package com.saasgate.gateway.security;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * CORS stays at the edge: {@link CorsFilter} answers the browser, so upstreams get requests without
 * its {@code Origin}, and whatever {@code Access-Control-*} headers an upstream sends are dropped. An
 * upstream doing CORS of its own would otherwise refuse the gateway's traffic or add a second
 * {@code Access-Control-Allow-Origin}, which browsers reject. (auth-billing refuses foreign origins
 * on its own port; through the gateway it never sees one.)
 */
@Configuration(proxyBeanMethods = false)
class EdgeCorsHeaders {

	@Bean
	HttpHeadersFilter originNotForwarded() {
		return new HttpHeadersFilter() {
			@Override
			public HttpHeaders filter(HttpHeaders input, org.springframework.web.server.ServerWebExchange exchange) {
				if (!input.containsHeader(HttpHeaders.ORIGIN)) {
					return input;
				}
				HttpHeaders filtered = new HttpHeaders();
				filtered.addAll(input);
				filtered.remove(HttpHeaders.ORIGIN);
				return filtered;
			}

			@Override
			public boolean supports(Type type) {
				return type == Type.REQUEST;
			}
		};
	}

	@Bean
	HttpHeadersFilter upstreamCorsHeadersDropped() {
		return new HttpHeadersFilter() {
			@Override
			public HttpHeaders filter(HttpHeaders input, org.springframework.web.server.ServerWebExchange exchange) {
				// most answers have none: no copy of their headers then
				if (input.headerNames().stream().noneMatch(EdgeCorsHeaders::isCorsHeader)) {
					return input;
				}
				HttpHeaders filtered = new HttpHeaders();
				input.forEach((name, values) -> {
					if (!isCorsHeader(name)) {
						filtered.addAll(name, values);
					}
				});
				return filtered;
			}

			@Override
			public boolean supports(Type type) {
				return type == Type.RESPONSE;
			}
		};
	}

	private static boolean isCorsHeader(String name) {
		return name.regionMatches(true, 0, "access-control-", 0, "access-control-".length());
	}

}
