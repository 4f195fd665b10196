package com.saasgate.gateway.security;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.gateway.GatewayProperties;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The user's own credentials ({@code Authorization}, {@code Cookie}, {@code Proxy-Authorization}) go to
 * auth-billing alone (API contract section 1). Every other route loses them once its own filters have
 * read them ({@link RequireUser} verifies the bearer token first): an upstream service learns the user
 * from {@code X-User-Id} and the gateway's service token minted for it alone, so a compromised upstream
 * holds nothing it could replay at {@code /api/billing/checkout} or {@code /api/auth/*}. Deny by default:
 * a route keeps them only when it goes to {@code AUTH_BILLING_URL} and names no upstream.
 */
@Component
class UpstreamCredentialsFilter implements GlobalFilter, Ordered {

	/** After every route filter (Spring Cloud Gateway numbers those from 1), long before the routing filter. */
	static final int ORDER = 10_000;

	private static final List<String> CREDENTIALS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE,
			HttpHeaders.PROXY_AUTHORIZATION);

	private final URI authBilling;

	UpstreamCredentialsFilter(GatewayProperties properties) {
		this.authBilling = URI.create(properties.routing().authBillingBaseUrl());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (toAuthBilling(route) || CREDENTIALS.stream().noneMatch(headers::containsHeader)) {
			return chain.filter(exchange);
		}
		return chain.filter(RequestHeaders.edit(exchange, (mutable) -> CREDENTIALS.forEach(mutable::remove)));
	}

	boolean toAuthBilling(Route route) {
		if (route == null || route.getMetadata().containsKey(GatewayServiceToken.AUDIENCE_METADATA)) {
			return false;
		}
		URI uri = route.getUri();
		return this.authBilling.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.authBilling.getHost().equalsIgnoreCase(uri.getHost()) && port(this.authBilling) == port(uri);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
