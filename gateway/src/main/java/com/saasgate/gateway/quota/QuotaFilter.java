package com.saasgate.gateway.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;
import com.saasgate.security.Headers;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The quota check of a metered route, after the rate limit: the user's {@code GET /usage/quota} answer
 * for the route's resource (cached briefly, {@link QuotaCache}); {@code allowed: false} is
 * {@code 429 quota_exceeded} with the contract's body and an {@code upgradeUrl}, and nothing is
 * forwarded. When auth-billing cannot answer, the request is refused with
 * {@code 503 upstream_unavailable} and {@code Retry-After}: fail closed, since an open door here is
 * unbilled spending, and the cache already absorbs short blips for users seen in the last seconds.
 */
@Component
public final class QuotaFilter {

	/** After the rate limit (2): a request over its rate costs no quota call. */
	static final int ORDER = 3;

	private static final Logger log = LoggerFactory.getLogger(QuotaFilter.class);

	private final QuotaCache cache;

	private final Clock clock;

	private final String upgradeUrl;

	QuotaFilter(QuotaCache cache, Clock clock, QuotaProperties properties) {
		this.cache = cache;
		this.clock = clock;
		this.upgradeUrl = properties.upgradeUrl();
	}

	/** The filter for a route metered by {@code resourceType} (e.g. {@code llm_tokens}). */
	public GatewayFilter forResource(String resourceType) {
		this.cache.register(resourceType);
		return new OrderedGatewayFilter((exchange, chain) -> check(exchange, chain, resourceType), ORDER);
	}

	private Mono<Void> check(ServerWebExchange exchange, GatewayFilterChain chain, String resourceType) {
		HttpHeaders request = exchange.getRequest().getHeaders();
		String userId = request.getFirst(Headers.USER_ID);
		if (userId == null) {
			return Mono.error(GatewayProblemException.authenticationRequired());
		}
		String tier = request.getFirst(Headers.USER_TIER);
		return this.cache.get(UUID.fromString(userId), resourceType)
			.onErrorMap((ex) -> !(ex instanceof GatewayProblemException), (ex) -> {
				log.warn("Quota check of {} failed: {}", resourceType, ex.toString());
				return GatewayProblemException.upstreamUnavailable("The usage quota cannot be checked right now.");
			})
			.flatMap((answer) -> Boolean.TRUE.equals(answer.allowed()) ? chain.filter(exchange)
					: Mono.error(exceeded(resourceType, tier, answer)));
	}

	private GatewayProblemException exceeded(String resourceType, String tier, QuotaAnswer answer) {
		HttpHeaders headers = new HttpHeaders();
		if (answer.periodEnd() != null) {
			long seconds = Math.max(1, Duration.between(this.clock.instant(), answer.periodEnd()).toSeconds());
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tier", tier);
		body.put("resourceType", resourceType);
		body.put("limit", answer.limit());
		body.put("used", answer.used());
		body.put("remaining", (answer.remaining() != null) ? Math.max(0, answer.remaining()) : 0);
		body.put("resetAt", (answer.periodEnd() != null) ? answer.periodEnd().toString() : null);
		body.put("upgradeUrl", this.upgradeUrl);
		return GatewayProblemException.tooManyRequests("quota_exceeded", "The monthly " + resourceType
				+ " quota of the " + tier + " plan is used up. It resets at the end of the period, or upgrade.",
				headers, body);
	}

}
