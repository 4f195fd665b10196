package com.saasgate.authbilling.webhooks;

/**
 * What one reconciliation run did; the operator command's answer.
 *
 * @param listed events Stripe listed (at most {@code STRIPE_RECONCILIATION_MAX_EVENTS})
 * @param stored events that had never arrived and are now stored, {@code pending}
 * @param alreadyKnown events already stored (delivered after all, or reconciled before): untouched
 * @param invalid listed events the webhook intake would refuse too ({@code invalid_payload}): skipped
 * @param pages pages of {@code GET /v1/events} read
 * @param complete false when the run stopped at the event limit with more events in the window
 */
record ReconciliationResult(int listed, int stored, int alreadyKnown, int invalid, int pages, boolean complete) {

	static final ReconciliationResult NOTHING = new ReconciliationResult(0, 0, 0, 0, 0, true);

	ReconciliationResult plusPage() {
		return new ReconciliationResult(this.listed, this.stored, this.alreadyKnown, this.invalid, this.pages + 1,
				this.complete);
	}

	ReconciliationResult plusStored() {
		return new ReconciliationResult(this.listed + 1, this.stored + 1, this.alreadyKnown, this.invalid,
				this.pages, this.complete);
	}

	ReconciliationResult plusAlreadyKnown() {
		return new ReconciliationResult(this.listed + 1, this.stored, this.alreadyKnown + 1, this.invalid,
				this.pages, this.complete);
	}

	ReconciliationResult plusInvalid() {
		return new ReconciliationResult(this.listed + 1, this.stored, this.alreadyKnown, this.invalid + 1,
				this.pages, this.complete);
	}

	ReconciliationResult incomplete() {
		return new ReconciliationResult(this.listed, this.stored, this.alreadyKnown, this.invalid, this.pages, false);
	}

}
