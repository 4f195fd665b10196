package com.saasgate.gateway.routing;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.HttpClientProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS} (default 2000) is on the proxy's client itself, and Spring
 * Cloud Gateway's own connect timeout is unset, so that its routing filter does not copy the client's
 * configuration on every request to apply it.
 */
class UpstreamConnectTimeoutTests extends GatewayTestSupport {

	@Autowired
	private HttpClient proxyClient;

	@Autowired
	private HttpClientProperties properties;

	@Test
	void proxyClientWhenStartedThenConnectTimeoutIsSetOnceOnTheClient() {
		assertThat(this.proxyClient.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(2000);
		assertThat(this.properties.getConnectTimeout()).isNull();
	}

}
