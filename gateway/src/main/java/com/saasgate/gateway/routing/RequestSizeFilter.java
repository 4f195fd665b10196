package com.saasgate.gateway.routing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.error.GatewayProblemException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over {@code GATEWAY_MAX_REQUEST_SIZE} ({@code GATEWAY_WEBHOOK_MAX_REQUEST_SIZE}
 * for Stripe's webhooks) with 413: up front when {@code Content-Length} says so, while streaming for
 * chunked bodies. The body itself is never buffered or altered (Stripe signs the exact bytes).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class RequestSizeFilter implements WebFilter {

	/** The webhook route's paths, as {@link RouteConfiguration} lists them. */
	static final Set<String> WEBHOOK_PATHS = Set.of("/api/billing/webhooks", "/api/billing/webhooks/");

	private final DataSize defaultLimit;

	private final DataSize webhookLimit;

	RequestSizeFilter(GatewayProperties properties) {
		this.defaultLimit = properties.routing().maxRequestSize();
		this.webhookLimit = properties.routing().webhookMaxRequestSize();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		DataSize limit = WEBHOOK_PATHS.contains(exchange.getRequest().getURI().getRawPath()) ? this.webhookLimit
				: this.defaultLimit;
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > limit.toBytes()) {
			return Mono.error(GatewayProblemException.payloadTooLarge(limit));
		}
		if (declared >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			// the server reads exactly Content-Length bytes, or none without either header (RFC 9112 section 6.3)
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(new Limited(exchange.getRequest(), limit)).build());
	}

	private static final class Limited extends ServerHttpRequestDecorator {

		private final DataSize limit;

		Limited(ServerHttpRequest delegate, DataSize limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().map(buffer -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.limit.toBytes()) {
					DataBufferUtils.release(buffer);
					throw GatewayProblemException.payloadTooLarge(this.limit);
				}
				return buffer;
			});
		}

	}

}
