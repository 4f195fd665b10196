-- The outbox becomes the one path for every side effect (outbox module). A claim is now a fencing
-- token and a lease of its own instead of a pushed-back next_attempt_at: only the holder of the
-- current token may complete a row, so a relay whose lease ran out and was taken over changes
-- nothing. A row that keeps failing (or fails permanently) is dead-lettered: kept with its last
-- error, never retried automatically, until an operator retries or deletes it.
ALTER TABLE outbox
    ADD COLUMN claim_token      uuid,
    ADD COLUMN claimed_until    timestamptz,
    ADD COLUMN dead_lettered_at timestamptz;

ALTER TABLE outbox
    ADD CONSTRAINT outbox_claim_complete CHECK ((claim_token IS NULL) = (claimed_until IS NULL)),
    ADD CONSTRAINT outbox_one_ending CHECK (delivered_at IS NULL OR dead_lettered_at IS NULL),
    ADD CONSTRAINT outbox_ended_unclaimed
        CHECK ((delivered_at IS NULL AND dead_lettered_at IS NULL) OR claim_token IS NULL),
    ADD CONSTRAINT outbox_dead_letter_has_error CHECK (dead_lettered_at IS NULL OR last_error IS NOT NULL);

-- Due rows for the relay's claim; dead letters for the operators' list; delivered rows for pruning.
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
CREATE INDEX outbox_dead_letters ON outbox (dead_lettered_at) WHERE dead_lettered_at IS NOT NULL;
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
