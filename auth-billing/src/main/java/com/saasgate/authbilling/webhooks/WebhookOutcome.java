package com.saasgate.authbilling.webhooks;

/** What became of a verified delivery. */
sealed interface WebhookOutcome permits WebhookOutcome.Stored, WebhookOutcome.Duplicate {

	/** The event was new and is now stored, pending. */
	record Stored(String eventId) implements WebhookOutcome {
	}

	/** Stripe re-delivered an event already stored: nothing changed. */
	record Duplicate(String eventId) implements WebhookOutcome {
	}

}
