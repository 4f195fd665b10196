-- Stripe webhook events (webhooks module), stored before the delivery is acknowledged: the id is
-- Stripe's event id, so a re-delivery (Stripe delivers at least once, in any order) is refused by the
-- primary key and never stored or applied twice. The payload is the event as Stripe sent it, in the
-- webhook endpoint's API version; the applier reads it from here, so nothing depends on the API
-- version stripe-java was built for. `created` is Stripe's time of the event, which orders events of
-- one subscription; `received_at` is ours.
CREATE TABLE stripe_events (
    id              text        PRIMARY KEY,
    type            text        NOT NULL,
    api_version     text,
    created         timestamptz NOT NULL,
    livemode        boolean     NOT NULL,
    payload         jsonb       NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    applied_at      timestamptz,
    CONSTRAINT stripe_events_status_check CHECK (status IN ('pending', 'applied', 'failed', 'ignored')),
    CONSTRAINT stripe_events_attempts_check CHECK (attempts >= 0),
    CONSTRAINT stripe_events_applied_check CHECK ((status = 'applied') = (applied_at IS NOT NULL))
);

-- Due events for the applier; failed and pending ones for the operators' list.
CREATE INDEX stripe_events_due ON stripe_events (next_attempt_at) WHERE status = 'pending';
CREATE INDEX stripe_events_by_status ON stripe_events (status, received_at) WHERE status IN ('pending', 'failed');
