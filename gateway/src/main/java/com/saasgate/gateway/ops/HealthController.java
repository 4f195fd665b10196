package com.saasgate.gateway.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.saasgate.gateway.GatewayProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code GET /health}: UP when auth-billing answers its own {@code /health} within two seconds, 503
 * with the same shape otherwise. {@code config} is always UP here: the gateway does not start with
 * bad configuration.
 */
@RestController
class HealthController {

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final WebClient authBilling;

	HealthController(GatewayProperties properties) {
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) PROBE_TIMEOUT.toMillis())
			.responseTimeout(PROBE_TIMEOUT);
		this.authBilling = WebClient.builder()
			.baseUrl(properties.routing().authBillingBaseUrl())
			.clientConnector(new ReactorClientHttpConnector(client))
			.build();
	}

	@GetMapping("/health")
	Mono<ResponseEntity<HealthReport>> health() {
		return authBillingStatus().map(authBilling -> {
			Map<String, String> checks = new LinkedHashMap<>();
			checks.put("authBilling", authBilling);
			checks.put("config", HealthReport.UP);
			boolean up = HealthReport.UP.equals(authBilling);
			return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
				.body(new HealthReport(up ? HealthReport.UP : HealthReport.DOWN, checks));
		});
	}

	private Mono<String> authBillingStatus() {
		return this.authBilling.get()
			.uri("/health")
			.retrieve()
			.toBodilessEntity()
			.timeout(PROBE_TIMEOUT)
			.map(response -> HealthReport.UP)
			.onErrorReturn(HealthReport.DOWN);
	}

}
