package com.saasgate.authbilling.trial;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /trials/*} (API contract section 5), for operators' service tokens ({@code ops} by
 * default); the guard is the security configuration's.
 */
@RestController
@RequestMapping("/trials")
class TrialController {

	/** {@code POST /trials/check}'s answer. */
	@Schema(requiredProperties = { "expired", "reminded" })
	record CheckResult(@Schema(minimum = "0") int expired, @Schema(minimum = "0") int reminded) {
	}

	private final TrialCheck check;

	private final TrialService trials;

	TrialController(TrialCheck check, TrialService trials) {
		this.check = check;
		this.trials = trials;
	}

	@PostMapping("/check")
	CheckResult check() {
		TrialRun run = this.check.run();
		return new CheckResult(run.expired(), run.reminded());
	}

	@GetMapping("/stats")
	TrialStats stats() {
		return this.trials.stats();
	}

}
