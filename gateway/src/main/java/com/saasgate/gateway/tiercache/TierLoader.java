package com.saasgate.gateway.tiercache;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.security.GatewayServiceToken;
import com.saasgate.security.Headers;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/** Loads a user's tier from auth-billing's {@code GET /internal/users/{id}/tier}, as the gateway. */
@Component
class TierLoader {

	/** auth-billing does not know the user (deleted since the token was issued). */
	static final class UnknownUser extends RuntimeException {

		UnknownUser() {
			super("unknown user", null, false, false);
		}

	}

	record TierResponse(UUID userId, String tier, String effectiveTier, Instant trialEndsAt, Long version) {
	}

	private final WebClient authBilling;

	private final GatewayServiceToken serviceToken;

	private final Duration timeout;

	TierLoader(GatewayProperties gateway, TierCacheProperties properties, GatewayServiceToken serviceToken) {
		this.timeout = properties.loadTimeout();
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, this.timeout.toMillis()))
			.responseTimeout(this.timeout);
		this.authBilling = WebClient.builder()
			.baseUrl(gateway.routing().authBillingBaseUrl())
			.clientConnector(new ReactorClientHttpConnector(client))
			.build();
		this.serviceToken = serviceToken;
	}

	Mono<CachedTier> load(UUID userId) {
		return this.authBilling.get()
			.uri("/internal/users/{id}/tier", userId)
			.header(Headers.SERVICE_TOKEN, this.serviceToken.get())
			.retrieve()
			.onStatus((status) -> status.value() == HttpStatus.NOT_FOUND.value(),
					(response) -> response.releaseBody().then(Mono.error(new UnknownUser())))
			.bodyToMono(TierResponse.class)
			.timeout(this.timeout)
			.map(TierLoader::toEntry);
	}

	private static CachedTier toEntry(TierResponse response) {
		if (response.tier() == null || response.effectiveTier() == null || response.version() == null) {
			throw new IllegalStateException("auth-billing answered an incomplete tier");
		}
		return new CachedTier(response.tier(), response.effectiveTier(), response.trialEndsAt(), response.version());
	}

}
