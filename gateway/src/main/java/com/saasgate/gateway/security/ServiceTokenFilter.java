package com.saasgate.gateway.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.gateway.GatewayProperties;
import com.saasgate.security.Headers;
import com.saasgate.security.contract.ServiceNames;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Adds the gateway's {@code X-Service-Token} to every request it forwards, with {@code aud} the
 * upstream it goes to and {@code sub} the user when the route authenticated one, so upstreams can tell a call relayed by the gateway from one that reached them
 * some other way. Client-sent copies are already gone ({@link HeaderHygieneFilter}). A route to an
 * upstream the gateway has no name for gets no token: the gateway's credential goes only where it
 * is meant to.
 */
@Component
class ServiceTokenFilter implements GlobalFilter, Ordered {

	private final GatewayServiceToken token;

	private final URI authBilling;

	ServiceTokenFilter(GatewayServiceToken token, GatewayProperties properties) {
		this.token = token;
		this.authBilling = URI.create(properties.routing().authBillingBaseUrl());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String audience = audienceOf(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
		if (audience == null) {
			return chain.filter(exchange);
		}
		// X-User-Id here was set by RequireUser (a client's own was dropped by HeaderHygieneFilter).
		String userId = exchange.getRequest().getHeaders().getFirst(Headers.USER_ID);
		String serviceToken = this.token.get(audience, userId);
		return chain.filter(RequestHeaders.edit(exchange, (headers) -> headers.set(Headers.SERVICE_TOKEN, serviceToken)));
	}

	/** The upstream's service name, or null for a route to an unnamed upstream. */
	String audienceOf(Route route) {
		if (route == null) {
			return null;
		}
		Object named = route.getMetadata().get(GatewayServiceToken.AUDIENCE_METADATA);
		if (named instanceof String audience) {
			return audience;
		}
		URI uri = route.getUri();
		boolean toAuthBilling = this.authBilling.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.authBilling.getHost().equalsIgnoreCase(uri.getHost()) && port(this.authBilling) == port(uri);
		return toAuthBilling ? ServiceNames.AUTH_BILLING : null;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/** After the route's filters (RequireUser, the tier, the limits): the user is known by then. */
	static final int ORDER = 10;

	@Override
	public int getOrder() {
		return ORDER;
	}

}
