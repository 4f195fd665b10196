package com.saasgate.gateway.tiercache;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import com.saasgate.gateway.RequestHeaders;
import com.saasgate.gateway.error.GatewayProblemException;
import com.saasgate.security.Headers;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The route filter after {@code RequireUser}: forwards the verified user's effective tier as
 * {@code X-User-Tier} (a client-sent one never gets this far: header hygiene removes it). When the
 * tier cannot be had the request is refused with {@code 503 upstream_unavailable}: a made-up tier
 * would hand out limits the user may not have. A user auth-billing no longer knows gets
 * {@code 401 invalid_token}.
 */
@Component
public final class UserTierFilter implements GatewayFilter, Ordered {

	/** After {@code RequireUser} (order 0 on its route), which sets {@code X-User-Id}. */
	static final int ORDER = 1;

	private final TierCache cache;

	private final Clock clock;

	UserTierFilter(TierCache cache, Clock clock) {
		this.cache = cache;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String userId = exchange.getRequest().getHeaders().getFirst(Headers.USER_ID);
		if (userId == null) {
			return Mono.error(GatewayProblemException.authenticationRequired());
		}
		return this.cache.get(UUID.fromString(userId))
			.onErrorMap((ex) -> !(ex instanceof GatewayProblemException), UserTierFilter::problem)
			.flatMap((tier) -> {
				String effective = tier.effectiveAt(this.clock.instant());
				return chain.filter(RequestHeaders.edit(exchange, (headers) -> headers.set(Headers.USER_TIER, effective)));
			});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static Throwable problem(Throwable ex) {
		Throwable cause = (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null)
				? ex.getCause() : ex;
		if (cause instanceof TierLoader.UnknownUser) {
			return GatewayProblemException.invalidToken();
		}
		return GatewayProblemException.upstreamUnavailable("The user's tier cannot be determined right now.");
	}

}
