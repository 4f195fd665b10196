package com.saasgate.gateway.routing;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.security.Headers;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id}: the client's when it is short and plain, a fresh UUID
 * otherwise (an arbitrary value would end up in upstream logs). It is forwarded upstream and set on
 * every response, including the gateway's own errors. Runs first so that even a rejected request
 * has one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = Headers.requestIdOrNew(exchange.getRequest().getHeaders().getFirst(Headers.REQUEST_ID));
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(Headers.REQUEST_ID, requestId);
		// Again just before sending: the router copies the upstream's headers in with add, not set.
		response.beforeCommit(() -> {
			response.getHeaders().set(Headers.REQUEST_ID, requestId);
			return Mono.empty();
		});
		return chain.filter(RequestHeaders.edit(exchange, (headers) -> headers.set(Headers.REQUEST_ID, requestId)));
	}

}
