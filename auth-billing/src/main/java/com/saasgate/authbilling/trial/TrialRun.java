package com.saasgate.authbilling.trial;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** What one run of the jobs (or of {@code /trials/check}) did. */
@Schema(requiredProperties = { "at", "expired", "reminded" })
record TrialRun(Instant at, @Schema(minimum = "0") int expired, @Schema(minimum = "0") int reminded) {
}
