package com.saasgate.gateway.ratelimit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import com.saasgate.gateway.error.GatewayProblemException;
import com.saasgate.security.Headers;
import com.saasgate.security.contract.Tier;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The route filter after {@code UserTierFilter}: one token per request from the user's bucket for
 * their effective tier ({@code X-User-Tier} as the gateway set it). Allowed responses carry
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; a refused request gets
 * {@code 429 rate_limited} with {@code Retry-After} and the contract's body ({@code tier},
 * {@code limit}, {@code remaining}, {@code resetAt}, {@code upgradeUrl}), counted in
 * {@code gateway_rate_limited_total{tier}}, and is not forwarded.
 */
@Component
public final class RateLimitFilter implements GatewayFilter, Ordered {

	/** After {@code UserTierFilter} (1), before the quota check. */
	static final int ORDER = 2;

	private final TierRateLimiter limiter;

	private final Clock clock;

	private final String upgradeUrl;

	private final Map<String, Counter> refused = new LinkedHashMap<>();

	RateLimitFilter(TierRateLimiter limiter, Clock clock, RateLimitProperties properties, MeterRegistry meters) {
		this.limiter = limiter;
		this.clock = clock;
		this.upgradeUrl = properties.upgradeUrl();
		for (Tier tier : Tier.values()) {
			this.refused.put(tier.value(), Counter.builder("gateway_rate_limited")
				.tag("tier", tier.value())
				.description("Requests refused with 429 rate_limited, by effective tier")
				.register(meters));
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		HttpHeaders request = exchange.getRequest().getHeaders();
		String userId = request.getFirst(Headers.USER_ID);
		String tier = Tier.orRestricted(request.getFirst(Headers.USER_TIER)).value();
		if (userId == null) {
			return Mono.error(GatewayProblemException.authenticationRequired());
		}
		return this.limiter.take(userId, tier).flatMap((decision) -> {
			if (!decision.allowed()) {
				this.refused.get(tier).increment();
				return Mono.error(refusal(tier, decision));
			}
			ServerHttpResponse response = exchange.getResponse();
			// Set again just before sending: the router adds the upstream's headers after this.
			response.beforeCommit(() -> {
				response.getHeaders().set(Headers.RATE_LIMIT_LIMIT, Integer.toString(decision.limit()));
				response.getHeaders().set(Headers.RATE_LIMIT_REMAINING, Long.toString(decision.remaining()));
				return Mono.empty();
			});
			return chain.filter(exchange);
		});
	}

	private GatewayProblemException refusal(String tier, Decision decision) {
		long retryAfterSeconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		headers.set(Headers.RATE_LIMIT_LIMIT, Integer.toString(decision.limit()));
		headers.set(Headers.RATE_LIMIT_REMAINING, "0");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tier", tier);
		body.put("limit", decision.limit());
		body.put("remaining", 0);
		body.put("resetAt", this.clock.instant()
			.plusMillis(decision.retryAfterMillis())
			.truncatedTo(ChronoUnit.SECONDS)
			.plusSeconds(1)
			.toString());
		body.put("upgradeUrl", this.upgradeUrl);
		return GatewayProblemException.tooManyRequests("rate_limited",
				"Too many requests for the " + tier + " plan: " + decision.limit()
						+ " per minute. Retry after the Retry-After delay, or upgrade.",
				headers, body);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
