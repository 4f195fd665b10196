package com.saasgate.authbilling.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} on the public port (api-contract section 7): Actuator's {@code public} health
 * group ({@code database, redis, stripe, smtp, outbox, config}) in the contract's shape, statuses
 * only. DOWN (the database) is 503; DEGRADED (a helper) is 200. The orchestrators' probes are
 * Actuator's own groups on the management port.
 */
@RestController
class HealthController {

	static final String GROUP = "public";

	private final HealthEndpoint health;

	HealthController(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping("/health")
	ResponseEntity<HealthDocument> health() {
		HealthDescriptor group = this.health.healthForPath(GROUP);
		Map<String, String> checks = new LinkedHashMap<>();
		if (group instanceof CompositeHealthDescriptor composite) {
			composite.getComponents().forEach((name, check) -> checks.put(name, check.getStatus().getCode()));
		}
		Status status = (group != null) ? group.getStatus() : Status.UNKNOWN;
		HttpStatus code = Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)
				? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
		return ResponseEntity.status(code).body(new HealthDocument(status.getCode(), checks));
	}

	/** The contract's shape: the group's status and each check's. */
	@Schema(requiredProperties = { "status", "checks" })
	record HealthDocument(@Schema(description = "UP, DEGRADED (a helper is down; still 200) or DOWN") String status,
			@Schema(description = "database, redis, stripe, smtp, outbox, config: each UP, DEGRADED or DOWN")
			Map<String, String> checks) {
	}

}
