package com.saasgate.gateway.security;

import reactor.core.publisher.Mono;

import com.saasgate.security.Headers;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Adds the gateway's {@code X-Service-Token} to every request it forwards, so upstreams can tell a
 * call relayed by the gateway from one that reached them some other way. Client-sent copies are
 * already gone ({@link HeaderHygieneFilter}).
 */
@Component
class ServiceTokenFilter implements GlobalFilter, Ordered {

	private final GatewayServiceToken token;

	ServiceTokenFilter(GatewayServiceToken token) {
		this.token = token;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(headers -> headers.set(Headers.SERVICE_TOKEN, this.token.get())))
			.build());
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
