package com.saasgate.gateway.quota;

import java.util.UUID;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayProperties;
import com.saasgate.gateway.security.GatewayServiceToken;
import com.saasgate.security.Headers;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/** Asks auth-billing's {@code GET /usage/quota} as the gateway (service token, {@code aud} auth-billing). */
@Component
class QuotaClient {

	private final WebClient authBilling;

	private final GatewayServiceToken serviceToken;

	private final QuotaProperties properties;

	QuotaClient(GatewayProperties gateway, QuotaProperties properties, GatewayServiceToken serviceToken) {
		this.properties = properties;
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, properties.timeout().toMillis()))
			.responseTimeout(properties.timeout());
		this.authBilling = WebClient.builder()
			.baseUrl(gateway.routing().authBillingBaseUrl())
			.clientConnector(new ReactorClientHttpConnector(client))
			.build();
		this.serviceToken = serviceToken;
	}

	Mono<QuotaAnswer> quota(UUID userId, String resourceType) {
		return this.authBilling.get()
			.uri((uri) -> uri.path("/usage/quota")
				.queryParam("userId", userId)
				.queryParam("resourceType", resourceType)
				.build())
			.header(Headers.SERVICE_TOKEN, this.serviceToken.get())
			.header(Headers.USER_ID, userId.toString())
			.retrieve()
			.bodyToMono(QuotaAnswer.class)
			.timeout(this.properties.timeout())
			.map((answer) -> {
				if (!answer.complete()) {
					throw new IllegalStateException("auth-billing answered a quota without 'allowed'");
				}
				return answer;
			});
	}

}
