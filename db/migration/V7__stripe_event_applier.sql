-- The Stripe event applier (webhooks.StripeEventApplier) and what it writes (billing).

-- Due events oldest first by Stripe's time, so a backlog (an outage, a reconciliation) is applied in
-- the order it happened.
CREATE INDEX stripe_events_pending_by_created ON stripe_events (created, id) WHERE status = 'pending';

-- When a subscription turned past_due: the paid tier is kept for billing.past-due-grace from then.
ALTER TABLE subscriptions ADD COLUMN past_due_since timestamptz;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_past_due_since
    CHECK (past_due_since IS NULL OR status = 'past_due');
CREATE INDEX subscriptions_past_due ON subscriptions (past_due_since) WHERE status = 'past_due';

-- A past_due subscription whose grace ran out downgrades its user: a tier change of its own cause.
ALTER TABLE tier_changes DROP CONSTRAINT tier_changes_source_check;
ALTER TABLE tier_changes ADD CONSTRAINT tier_changes_source_check
    CHECK (source IN ('stripe_webhook', 'payment_grace', 'trial_expiry', 'operator'));
