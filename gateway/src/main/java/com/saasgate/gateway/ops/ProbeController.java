package com.saasgate.gateway.ops;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The liveness and readiness probes on the public port at the contract's paths
 * ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}). Boot puts the actuator on
 * the management port only, so these ask the same health groups the actuator uses: a probe here can
 * never disagree with the one on port 9000.
 */
@RestController
class ProbeController {

	private final ReactiveHealthEndpointWebExtension health;

	ProbeController(ReactiveHealthEndpointWebExtension health) {
		this.health = health;
	}

	@GetMapping("/actuator/health/{probe:liveness|readiness}")
	Mono<ResponseEntity<Map<String, String>>> probe(@PathVariable String probe) {
		return this.health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, probe)
			.map(ProbeController::toResponse);
	}

	private static ResponseEntity<Map<String, String>> toResponse(WebEndpointResponse<?> response) {
		Object body = response.getBody();
		String status = (body instanceof HealthDescriptor descriptor)
				? descriptor.getStatus().getCode() : "UNKNOWN";
		return ResponseEntity.status(response.getStatus()).body(Map.of("status", status));
	}

}
