package com.saasgate.gateway.ops;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's checks (api-contract section 7) as Actuator indicators: {@code authBilling} (its
 * {@code /health} answers 2xx within 2 s; else DOWN: nothing but the edge works without it),
 * {@code redis} (a ping within 500 ms; else DEGRADED: rate limits fall back to per-instance buckets
 * and the tier cache to its TTL) and {@code config} (UP: the gateway does not start with bad
 * configuration). {@code GET /health} shows them; the probes do not depend on them.
 */
@Configuration(proxyBeanMethods = false)
class GatewayHealthIndicators {

	static final Status DEGRADED = new Status("DEGRADED");

	private static final Duration AUTH_BILLING_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

	@Bean
	ReactiveHealthIndicator authBillingHealthIndicator(GatewayProperties properties) {
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) AUTH_BILLING_TIMEOUT.toMillis())
			.responseTimeout(AUTH_BILLING_TIMEOUT);
		WebClient authBilling = WebClient.builder()
			.baseUrl(properties.routing().authBillingBaseUrl())
			.clientConnector(new ReactorClientHttpConnector(client))
			.build();
		return () -> authBilling.get()
			.uri("/health")
			.retrieve()
			.toBodilessEntity()
			.timeout(AUTH_BILLING_TIMEOUT)
			.map((response) -> Health.up().build())
			.onErrorResume((ex) -> Mono.just(Health.down().build()));
	}

	@Bean
	ReactiveHealthIndicator redisHealthIndicator(ReactiveRedisConnectionFactory redis) {
		return () -> Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection),
				(connection) -> connection.ping().map((pong) -> Health.up().build()),
				(connection) -> connection.closeLater())
			.timeout(REDIS_TIMEOUT)
			.onErrorResume((ex) -> Mono.just(Health.status(DEGRADED).build()));
	}

	@Bean
	ReactiveHealthIndicator configHealthIndicator() {
		return () -> Mono.just(Health.up().build());
	}

}
