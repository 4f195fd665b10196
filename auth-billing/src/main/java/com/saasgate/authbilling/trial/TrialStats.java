package com.saasgate.authbilling.trial;

/**
 * {@code GET /trials/stats} (API contract section 5). {@code expiredTotal} counts the job's
 * downgrades; {@code convertedTotal} counts users who went from {@code free_trial} straight to a paid
 * tier; both from {@code tier_changes}.
 *
 * @param lastRun the last run of either job or of {@code /trials/check}, or {@code null} before the first
 */
record TrialStats(long activeTrials, long expiringWithin24h, long expiredTotal, long convertedTotal,
		TrialRun lastRun) {
}
