-- The usage ledger (usage module). usage_events is the ledger itself: one row per usage that
-- happened, never updated, never pruned. usage_counters holds, per user, resource and usage period
-- (keyed by the period's start), the sum of that period's events; it is updated in the transaction
-- that inserts the event, so used = SUM(amount) of the period's events at every commit.
CREATE TABLE usage_events (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service        text        NOT NULL,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_type  text        NOT NULL,
    amount         bigint      NOT NULL,
    metadata       jsonb,
    period_start   timestamptz NOT NULL,
    reservation_id uuid,
    recorded_at    timestamptz NOT NULL,
    -- 0 only for the commit of a reservation that used nothing; a plain record is positive.
    CONSTRAINT usage_events_amount_check CHECK (amount >= 0),
    CONSTRAINT usage_events_metadata_object CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object')
);
CREATE INDEX usage_events_by_period ON usage_events (user_id, resource_type, period_start);
CREATE UNIQUE INDEX usage_events_one_per_reservation ON usage_events (reservation_id) WHERE reservation_id IS NOT NULL;

CREATE TABLE usage_counters (
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_type text        NOT NULL,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    used          bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, resource_type, period_start),
    CONSTRAINT usage_counters_used_check CHECK (used >= 0),
    CONSTRAINT usage_counters_period CHECK (period_end > period_start)
);

-- Idempotency keys of recorded usage, unique per calling service (Stripe's rule): the hash of the
-- canonical request tells a retry (same body: the stored first answer is replayed) from a reuse
-- (another body: 422). Kept for usage.idempotency-retention (45 days by default, longer than any usage
-- period), then pruned in batches; the events they point at stay.
CREATE TABLE usage_idempotency_keys (
    service         text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    event_id        bigint      REFERENCES usage_events (id) ON DELETE CASCADE,
    result          jsonb,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (service, idempotency_key),
    CONSTRAINT usage_idempotency_keys_hash_length CHECK (octet_length(request_hash) = 32)
);
CREATE INDEX usage_idempotency_keys_by_age ON usage_idempotency_keys (created_at);

-- Holds against a quota (POST /usage/reserve). A hold counts while state = 'held' and expires_at lies
-- ahead; the sweeper then marks it expired. Its own idempotency key (per service) replays the reserve.
CREATE TABLE usage_reservations (
    id              uuid        PRIMARY KEY,
    service         text        NOT NULL,
    idempotency_key text,
    request_hash    bytea,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_type   text        NOT NULL,
    amount          bigint      NOT NULL,
    period_start    timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    state           text        NOT NULL DEFAULT 'held',
    ended_at        timestamptz,
    reserve_result  jsonb       NOT NULL,
    commit_result   jsonb,
    CONSTRAINT usage_reservations_key UNIQUE (service, idempotency_key),
    CONSTRAINT usage_reservations_amount_check CHECK (amount > 0),
    CONSTRAINT usage_reservations_state_check CHECK (state IN ('held', 'committed', 'released', 'expired')),
    CONSTRAINT usage_reservations_ended CHECK ((state = 'held') = (ended_at IS NULL)),
    CONSTRAINT usage_reservations_committed_result CHECK ((state = 'committed') = (commit_result IS NOT NULL)),
    CONSTRAINT usage_reservations_expiry CHECK (expires_at > created_at)
);
CREATE INDEX usage_reservations_live ON usage_reservations (user_id, resource_type, period_start) WHERE state = 'held';
CREATE INDEX usage_reservations_due ON usage_reservations (expires_at) WHERE state = 'held';
CREATE INDEX usage_reservations_ended ON usage_reservations (ended_at) WHERE ended_at IS NOT NULL;

-- A user's resource crossing its quota is broadcast (usage module's handler, Redis user_quota_exhausted).
ALTER TABLE outbox DROP CONSTRAINT outbox_topic_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_topic_check
    CHECK (topic IN ('email', 'user_tier_changed', 'user_quota_exhausted'));
