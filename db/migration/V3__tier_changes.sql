-- Every change of a user's tier, written by the tier module (the only writer of users.subscription_tier)
-- in the transaction that changes it: who changed it, why, and the tier_version it produced. The same
-- transaction queues the user_tier_changed broadcast in the outbox.
CREATE TABLE tier_changes (
    id         bigserial   PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    old_tier   text        NOT NULL,
    new_tier   text        NOT NULL,
    version    bigint      NOT NULL,
    source     text        NOT NULL,
    reason     text,
    changed_at timestamptz NOT NULL,
    CONSTRAINT tier_changes_tiers_check
        CHECK (old_tier IN ('free_trial', 'free_restricted', 'basic', 'pro')
            AND new_tier IN ('free_trial', 'free_restricted', 'basic', 'pro') AND old_tier <> new_tier),
    CONSTRAINT tier_changes_source_check CHECK (source IN ('stripe_webhook', 'trial_expiry', 'operator')),
    CONSTRAINT tier_changes_user_version_key UNIQUE (user_id, version)
);
