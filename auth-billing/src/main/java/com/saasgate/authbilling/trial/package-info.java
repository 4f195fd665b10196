/**
 * Trials: the daily expiry job downgrades users whose trial ended to {@code free_restricted} through
 * the tier module (versioned, recorded, broadcast on {@code user_tier_changed}) and queues the "trial
 * ended" mail in the same short transaction, batch by batch; the reminder job mails "trial ends
 * tomorrow" once per user, marking the row in the update that queues the mail. ShedLock runs each job
 * on one replica at a time, and {@code POST /trials/check} takes the same locks; {@code GET
 * /trials/stats} reports trials, expiries, conversions and the last run.
 */
package com.saasgate.authbilling.trial;
