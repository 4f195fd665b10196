-- One users table for every service (the original system broke on columns that differed between
-- services). Emails are stored trimmed and lower-cased, so plain UNIQUE is case-insensitive.
CREATE TABLE users (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL,
    password_hash      text        NOT NULL,
    name               text,
    role               text        NOT NULL DEFAULT 'user',
    subscription_tier  text        NOT NULL DEFAULT 'free_trial',
    tier_version       bigint      NOT NULL DEFAULT 0,
    trial_ends_at      timestamptz,
    email_verified_at  timestamptz,
    stripe_customer_id text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
    CONSTRAINT users_name_length CHECK (name IS NULL OR length(name) <= 200),
    CONSTRAINT users_role_check CHECK (role IN ('user', 'admin')),
    CONSTRAINT users_subscription_tier_check
        CHECK (subscription_tier IN ('free_trial', 'free_restricted', 'basic', 'pro')),
    CONSTRAINT users_trial_has_end CHECK (subscription_tier <> 'free_trial' OR trial_ends_at IS NOT NULL),
    CONSTRAINT users_stripe_customer_id_key UNIQUE (stripe_customer_id)
);

-- A family is every refresh token descended from one login. It is the unit of revocation and of
-- locking: rotation, reuse detection and logout all take the family row FOR UPDATE first, so two
-- requests of one family never interleave and a revocation never leaves a token of it alive.
CREATE TABLE refresh_token_families (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text,
    CONSTRAINT refresh_token_families_expiry CHECK (expires_at > created_at),
    CONSTRAINT refresh_token_families_revocation CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
    CONSTRAINT refresh_token_families_reason_check
        CHECK (revoked_reason IN ('logout', 'logout_all', 'reuse', 'password_reset'))
);
CREATE INDEX refresh_token_families_live_by_user ON refresh_token_families (user_id) WHERE revoked_at IS NULL;

-- Tokens are kept by id and SHA-256 hash of the whole token, never the token itself.
CREATE TABLE refresh_tokens (
    id         uuid        PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    parent_id  uuid        REFERENCES refresh_tokens (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    spent_at   timestamptz,
    CONSTRAINT refresh_tokens_hash_length CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_parent ON refresh_tokens (parent_id);

-- Single-use tokens sent by email (verification, password reset), kept by hash only.
CREATE TABLE email_tokens (
    token_hash bytea       PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password')),
    CONSTRAINT email_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT email_tokens_expiry CHECK (expires_at > created_at)
);
CREATE INDEX email_tokens_open_by_user ON email_tokens (user_id, purpose) WHERE used_at IS NULL;

-- Transactional outbox: side effects (emails now, tier-change broadcasts later) are written in the
-- transaction of the change that causes them and delivered after commit by a relay that retries
-- with back-off. Rows are claimed with a lease (FOR UPDATE SKIP LOCKED), so replicas share the work
-- without sending anything twice in the normal case.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    delivered_at    timestamptz,
    CONSTRAINT outbox_topic_check CHECK (topic IN ('email', 'user_tier_changed')),
    CONSTRAINT outbox_attempts_check CHECK (attempts >= 0)
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
