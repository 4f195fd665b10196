package com.saasgate.authbilling.webhooks;

import java.time.Instant;

/**
 * A verified delivery as stored: the envelope's fields and the event as Stripe sent it.
 *
 * @param id Stripe's event id ({@code evt_...})
 * @param type the event type, e.g. {@code customer.subscription.updated}
 * @param apiVersion the API version the event is rendered in; null for very old events
 * @param created when Stripe created the event
 * @param livemode whether it comes from live mode
 * @param payload the event's JSON
 */
record StripeEventRow(String id, String type, String apiVersion, Instant created, boolean livemode, String payload) {
}
