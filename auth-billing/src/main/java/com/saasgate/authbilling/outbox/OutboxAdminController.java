package com.saasgate.authbilling.outbox;

import java.util.List;
import java.util.Map;

import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of dead letters under {@code /internal/outbox}, for the {@code ops} service only
 * (the service-token guard is the security configuration's; this controller checks nothing itself).
 */
@RestController
@RequestMapping("/internal/outbox/dead-letters")
class OutboxAdminController {

	private final OutboxAdmin admin;

	OutboxAdminController(OutboxAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	Map<String, List<DeadLetter>> list(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw ApiException.invalidRequest("limit must be between 1 and 1000.");
		}
		return Map.of("deadLetters", this.admin.deadLetters(limit));
	}

	@PostMapping("/{id}/retry")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void retry(@PathVariable long id) {
		this.admin.retry(id);
	}

	@PostMapping("/retry")
	Map<String, Integer> retryAll() {
		return Map.of("retried", this.admin.retryAll());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.admin.delete(id);
	}

}
