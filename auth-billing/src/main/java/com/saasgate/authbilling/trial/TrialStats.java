package com.saasgate.authbilling.trial;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /trials/stats} (API contract section 5). {@code expiredTotal} counts the job's
 * downgrades; {@code convertedTotal} counts users who went from {@code free_trial} straight to a paid
 * tier; both from {@code tier_changes}.
 *
 * @param lastRun the last run of either job or of {@code /trials/check}, or {@code null} before the first
 */
@Schema(requiredProperties = { "activeTrials", "expiringWithin24h", "expiredTotal", "convertedTotal", "lastRun" })
record TrialStats(@Schema(minimum = "0") long activeTrials, @Schema(minimum = "0") long expiringWithin24h,
		@Schema(minimum = "0") long expiredTotal, @Schema(minimum = "0") long convertedTotal,
		TrialRun lastRun) {
}
