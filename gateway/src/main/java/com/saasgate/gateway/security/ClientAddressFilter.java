package com.saasgate.gateway.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.security.Headers;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway alone decides the client address ({@link TrustedProxies}), on every request. Every
 * client-sent forwarding header ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) and any
 * copy of {@link Headers#CLIENT_ADDRESS} is removed, then the resolved address is sent upstream in
 * {@link Headers#CLIENT_ADDRESS} and kept in the exchange attribute {@link #ATTRIBUTE} for the
 * gateway's own use. Spring Cloud Gateway's forwarded-header filters are switched off in
 * {@code application.yml}, so nothing appends to what this filter leaves.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 35)
final class ClientAddressFilter implements WebFilter {

	static final String ATTRIBUTE = ClientAddressFilter.class.getName() + ".address";

	private static final List<String> SPOOFABLE = List.of("forwarded", "x-real-ip", "true-client-ip",
			Headers.CLIENT_ADDRESS.toLowerCase(Locale.ROOT));

	private final TrustedProxies proxies;

	ClientAddressFilter(TrustedProxies proxies) {
		this.proxies = proxies;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
		InetAddress peerAddress = (peer != null) ? peer.getAddress() : null;
		String client = (peerAddress != null) ? this.proxies
			.clientOf(peerAddress, headers.getOrEmpty(Headers.FORWARDED_FOR))
			.getHostAddress() : null;
		List<String> spoofed = headers.headerNames().stream().filter(ClientAddressFilter::isForwardingHeader).toList();
		if (client != null) {
			exchange.getAttributes().put(ATTRIBUTE, client);
		}
		if (spoofed.isEmpty() && client == null) {
			return chain.filter(exchange);
		}
		return chain.filter(RequestHeaders.edit(exchange, (mutable) -> {
			spoofed.forEach(mutable::remove);
			if (client != null) {
				mutable.set(Headers.CLIENT_ADDRESS, client);
			}
		}));
	}

	static boolean isForwardingHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("x-forwarded-") || SPOOFABLE.contains(lower);
	}

}
