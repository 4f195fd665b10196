package com.saasgate.gateway.routing;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Decides, before any route is looked at, whether an {@code /api} path is routed at all, on the
 * path's canonical reading ({@link EdgePath}) rather than its spelling: an upstream server may decode
 * and normalise what the gateway matched raw, so {@code /api/%75sage/record}, {@code /api/auth/..%2Finternal/x}
 * or {@code /api//trials/check} must be decided as the {@code /api/usage/record}, {@code /api/internal/x}
 * and {@code /api/trials/check} they become. Three outcomes:
 * <ul>
 * <li>one of auth-billing's routed paths ({@link PublicPaths}): the request continues with that
 * canonical path, so auth-billing receives exactly the path that was decided on;</li>
 * <li>{@code /api/{service}} or below it, for a configured upstream, spelled literally up to the
 * service name: the rest of the path goes to the upstream whole, as the client wrote it (its own
 * {@code /v1/usage/records} or {@code a%2Fb} are its business, and it holds no key to auth-billing's
 * internal endpoints beyond its own);</li>
 * <li>anything else under {@code /api}: {@code 404 not_found}. auth-billing's internal endpoints are
 * not listed, so no encoding, dot segment, double slash, path parameter or case reaches them.</li>
 * </ul>
 * A path that cannot be decoded, or holds a control character such as {@code %00}, is a {@code 400}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RoutedPathFilter implements WebFilter {

	private static final String API = "/api";

	private final Upstreams upstreams;

	RoutedPathFilter(Upstreams upstreams) {
		this.upstreams = upstreams;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String raw = exchange.getRequest().getURI().getRawPath();
		String canonical;
		try {
			canonical = EdgePath.canonical(raw);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(GatewayProblemException.invalidRequest("The request path is not valid."));
		}
		// Routes match the raw path, so a raw /api path that reads as something else is decided here too.
		if (!underApi(canonical) && !underApi((raw != null) ? raw : "")) {
			return chain.filter(exchange);
		}
		if (PublicPaths.ALL.contains(canonical)) {
			return chain.filter(canonical.equals(raw) ? exchange
					: exchange.mutate().request((request) -> request.path(canonical)).build());
		}
		if (isLiteralUpstreamPath(canonical, raw)) {
			return chain.filter(exchange);
		}
		return Mono.error(GatewayProblemException.notFound());
	}

	private boolean isLiteralUpstreamPath(String canonical, String raw) {
		for (Upstreams.Upstream upstream : this.upstreams.all()) {
			String prefix = API + "/" + upstream.name();
			if (isAtOrBelow(canonical, prefix) && isAtOrBelow(raw, prefix)) {
				return true;
			}
		}
		return false;
	}

	private static boolean underApi(String path) {
		return isAtOrBelow(path, API);
	}

	static boolean isAtOrBelow(String path, String prefix) {
		return path != null && path.startsWith(prefix)
				&& (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
	}

}
