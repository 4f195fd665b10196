-- One row per Stripe subscription, as the webhooks last reported it (billing reads it; the webhook
-- handler writes it). Stripe delivers events unordered, so a row keeps the Stripe `created` time of the
-- subscription and the `created` time of the last event applied to it: an update carrying an older
-- event time must not overwrite the row (SubscriptionRepository.UPSERT_IF_NOT_OLDER).
CREATE TABLE subscriptions (
    id                   text        PRIMARY KEY,
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    customer_id          text        NOT NULL,
    status               text        NOT NULL,
    price_id             text,
    tier                 text,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    trial_end            timestamptz,
    canceled_at          timestamptz,
    stripe_created_at    timestamptz NOT NULL,
    last_event_at        timestamptz NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT subscriptions_id_format CHECK (id LIKE 'sub\_%'),
    CONSTRAINT subscriptions_status_check CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing', 'active',
        'past_due', 'canceled', 'unpaid', 'paused')),
    -- A price we do not know maps to no tier (Plans.tierForPrice), never to a guessed one.
    CONSTRAINT subscriptions_tier_check CHECK (tier IS NULL OR tier IN ('basic', 'pro')),
    CONSTRAINT subscriptions_period CHECK (current_period_end IS NULL OR current_period_start IS NULL
        OR current_period_end >= current_period_start)
);
CREATE INDEX subscriptions_by_user ON subscriptions (user_id, stripe_created_at DESC);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id);
