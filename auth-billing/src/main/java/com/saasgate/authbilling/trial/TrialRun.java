package com.saasgate.authbilling.trial;

import java.time.Instant;

/** What one run of the jobs (or of {@code /trials/check}) did. */
record TrialRun(Instant at, int expired, int reminded) {
}
