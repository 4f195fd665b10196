-- Trials (trial module). The reminder is marked on the user row in the same UPDATE ... RETURNING
-- that feeds the mail queue, so a user gets one "trial ends tomorrow" mail, ever, however many
-- replicas run the job and however often it is triggered.
ALTER TABLE users ADD COLUMN trial_reminder_sent_at timestamptz;

-- The expiry job's claim and the reminder's: trials by end, only while the user is on free_trial
-- (a downgrade or a payment takes the row out of the index).
CREATE INDEX users_trials_by_end ON users (trial_ends_at, id) WHERE subscription_tier = 'free_trial';

-- The last run of a trial job or of POST /trials/check (GET /trials/stats' lastRun): one row,
-- overwritten by every run.
CREATE TABLE trial_last_run (
    id       boolean     PRIMARY KEY DEFAULT true,
    ran_at   timestamptz NOT NULL,
    expired  integer     NOT NULL,
    reminded integer     NOT NULL,
    CONSTRAINT trial_last_run_one_row CHECK (id),
    CONSTRAINT trial_last_run_counts CHECK (expired >= 0 AND reminded >= 0)
);
