package com.saasgate.gateway.security;

import java.util.List;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.error.GatewayProblemException;
import com.saasgate.security.Headers;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The CORS allow-list, applied before routing so that preflights never reach an upstream. Spring's
 * {@code CorsWebFilter} does the same but rejects with an empty 403; this one answers with a problem
 * document like every other gateway error. Allowed origins get {@code Access-Control-Allow-Origin};
 * others get none.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorsFilter implements WebFilter {

	private final CorsConfiguration config;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	CorsFilter(GatewayProperties properties) {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(properties.cors().allowedOrigins());
		config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, Headers.REQUEST_ID,
				Headers.IDEMPOTENCY_KEY));
		config.setExposedHeaders(List.of(Headers.REQUEST_ID, HttpHeaders.RETRY_AFTER, Headers.RATE_LIMIT_LIMIT,
				Headers.RATE_LIMIT_REMAINING));
		config.setAllowCredentials(true);
		config.setMaxAge(3600L);
		this.config = config;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.processor.process(this.config, exchange)) {
			return Mono.error(GatewayProblemException.originNotAllowed());
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

}
