package com.saasgate.authbilling.trial;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The trial jobs. The trial's length is set where registration starts it: {@code TRIAL_LENGTH}
 * (or {@code AUTH_TRIAL_LENGTH}), default 7 days ({@code auth.trial-length}).
 *
 * @param expiryCron {@code TRIAL_EXPIRY_CRON}, when the expiry job runs, a Spring cron in UTC;
 * default {@code 0 0 2 * * *} (daily 02:00)
 * @param reminderCron {@code TRIAL_REMINDER_CRON}, when the reminder job runs, in UTC; default
 * {@code 0 0 10 * * *} (daily 10:00)
 * @param batchSize {@code TRIAL_BATCH_SIZE}, users one transaction downgrades or reminds, 1 to
 * 10000; default 1000
 * @param lockAtMostFor {@code TRIAL_LOCK_AT_MOST_FOR}, how long a crashed job's lock keeps the job
 * (and {@code /trials/check}) from running elsewhere; default 30 minutes
 * @param workers {@code TRIAL_WORKERS}, how many batches of the expiry run at once, each on its own
 * connection of the pool, 1 to 8; default 2
 */
@ConfigurationProperties("trial")
@Validated
record TrialProperties(
		@DefaultValue("0 0 2 * * *") @NotBlank(message = "TRIAL_EXPIRY_CRON must be set") String expiryCron,
		@DefaultValue("0 0 10 * * *") @NotBlank(message = "TRIAL_REMINDER_CRON must be set") String reminderCron,
		@DefaultValue("1000") @Min(value = 1, message = "TRIAL_BATCH_SIZE must be between 1 and 10000")
		@Max(value = 10000, message = "TRIAL_BATCH_SIZE must be between 1 and 10000") int batchSize,
		@DefaultValue("30m") @NotNull(message = "TRIAL_LOCK_AT_MOST_FOR must be set")
		@DurationMin(seconds = 1, message = "TRIAL_LOCK_AT_MOST_FOR must be at least 1s") Duration lockAtMostFor,
		@DefaultValue("2") @Min(value = 1, message = "TRIAL_WORKERS must be between 1 and 8")
		@Max(value = 8, message = "TRIAL_WORKERS must be between 1 and 8") int workers) {
}
