package com.saasgate.gateway.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: Actuator's {@code public} group ({@code redis, authBilling, config}) in the
 * contract's shape, statuses only. auth-billing down is 503 DOWN; Redis down is 200 DEGRADED.
 */
@RestController
class HealthController {

	static final String GROUP = "public";

	private final ReactiveHealthEndpointWebExtension health;

	HealthController(ReactiveHealthEndpointWebExtension health) {
		this.health = health;
	}

	@GetMapping("/health")
	Mono<ResponseEntity<HealthReport>> health() {
		return this.health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, GROUP)
			.map((response) -> {
				Object body = response.getBody();
				Map<String, String> checks = new LinkedHashMap<>();
				Status status = Status.UNKNOWN;
				if (body instanceof HealthDescriptor descriptor) {
					status = descriptor.getStatus();
				}
				if (body instanceof CompositeHealthDescriptor composite) {
					composite.getComponents().forEach((name, check) -> checks.put(name, check.getStatus().getCode()));
				}
				HttpStatus code = Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)
						? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
				return ResponseEntity.status(code).body(new HealthReport(status.getCode(), checks));
			});
	}

}
