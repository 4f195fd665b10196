/**
 * Stripe webhook intake: every delivery to {@code POST /billing/webhooks} has its {@code Stripe-Signature}
 * checked with stripe-java on the raw body, and the event is stored in {@code stripe_events} (once per
 * event id, whatever Stripe re-delivers) before Stripe gets its 200, so an accepted event is never lost.
 * Stored events wait as {@code pending} for the applier; operators list and replay them under
 * {@code /internal/stripe-events}. Events Stripe could not deliver are fetched back from
 * {@code GET /v1/events} and stored the same way by the reconciliation (hourly, and on an operator's
 * {@code POST /internal/stripe-events/reconcile}).
 * {@link com.saasgate.authbilling.webhooks.StripeObjectReader} reads the fields the applier needs from
 * the raw JSON, whatever the endpoint's API version.
 */
package com.saasgate.authbilling.webhooks;
