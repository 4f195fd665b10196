-- ShedLock's lock rows (ops.SchedulerLockConfiguration): a scheduled job, and an operator command that
-- runs the same work, holds its row until `lock_until`, so it runs on one replica at a time. Times are
-- the database's (usingDbTime), so replica clock skew cannot hand one lock to two holders.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);
