package com.saasgate.authbilling.webhooks;

import java.time.Instant;

import com.stripe.exception.StripeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;


import org.springframework.stereotype.Service;

/**
 * Lists the events Stripe created since a time and stores those never received, exactly as the
 * webhook intake would have (same envelope check, same row, {@code pending} for the applier). Each
 * insert commits on its own, with no transaction around the Stripe calls: what is stored before a
 * failure stays stored, and is simply known on the next run. Runs one at a time cluster-wide only
 * under the {@value #LOCK} lock, which the job and the command take; this class takes none.
 */
@Service
class StripeReconciliation {

	/** The ShedLock name of the job and the command. */
	static final String LOCK = "stripe-reconciliation";

	private static final Logger logger = LoggerFactory.getLogger(StripeReconciliation.class);

	private final StripeEventLister stripe;

	private final StripeConnection connection;

	private final StripeEventRepository events;

	private final JsonMapper json;

	private final ReconciliationMetrics metrics;

	private final StripeEventApplier applier;

	StripeReconciliation(StripeEventLister stripe, StripeConnection connection, StripeEventRepository events,
			JsonMapper json, ReconciliationMetrics metrics, StripeEventApplier applier) {
		this.applier = applier;
		this.stripe = stripe;
		this.connection = connection;
		this.events = events;
		this.json = json;
		this.metrics = metrics;
	}

	boolean configured() {
		return this.connection.configured();
	}

	/**
	 * Stores the events created at or after {@code since} that are missing, listing at most
	 * {@code maxEvents}: by default those Stripe has not delivered (failed or still retrying), every
	 * event of the window with {@code includeDelivered}.
	 *
	 * @throws StripeUnavailableException when Stripe fails part-way; it carries what was done before
	 */
	ReconciliationResult reconcile(Instant since, boolean includeDelivered, int maxEvents) {
		if (!configured()) {
			this.metrics.run(ReconciliationMetrics.Run.NOT_CONFIGURED);
			logger.debug("Stripe reconciliation skipped: STRIPE_SECRET_KEY is not set");
			return ReconciliationResult.NOTHING;
		}
		ReconciliationResult result = ReconciliationResult.NOTHING;
		String startingAfter = null;
		while (true) {
			StripeEventPage page = fetch(since, includeDelivered, startingAfter, result);
			result = result.plusPage();
			for (String event : page.events()) {
				if (result.listed() == maxEvents) {
					return limitReached(result, maxEvents, since);
				}
				result = store(event, result);
			}
			if (!page.hasMore() || page.events().isEmpty()) {
				break;
			}
			if (result.listed() == maxEvents) {
				return limitReached(result, maxEvents, since);
			}
			startingAfter = page.lastId();
		}
		this.metrics.run(ReconciliationMetrics.Run.COMPLETED);
		logger.info("Stripe reconciliation since {}: {}", since, result);
		return result;
	}

	private StripeEventPage fetch(Instant since, boolean includeDelivered, String startingAfter,
			ReconciliationResult sofar) {
		try {
			return this.stripe.page(since, includeDelivered, startingAfter);
		}
		catch (StripeException ex) {
			logger.warn("Stripe reconciliation: listing events failed: status={} code={} requestId={} ({}); so far {}",
					ex.getStatusCode(), ex.getCode(), ex.getRequestId(), ex.getClass().getSimpleName(), sofar);
			throw unavailable(sofar);
		}
		catch (RuntimeException ex) {
			// stripe-java throws unchecked exceptions too, and a 2xx may not be a list of events.
			logger.warn("Stripe reconciliation: listing events failed: {}; so far {}", ex.toString(), sofar);
			throw unavailable(sofar);
		}
	}

	private StripeUnavailableException unavailable(ReconciliationResult sofar) {
		this.metrics.run(ReconciliationMetrics.Run.STRIPE_UNAVAILABLE);
		return new StripeUnavailableException(sofar);
	}

	private ReconciliationResult store(String payload, ReconciliationResult result) {
		StripeEventRow row;
		try {
			row = EventEnvelope.parse(this.json, payload);
		}
		catch (EventEnvelope.InvalidPayloadException ex) {
			this.metrics.event(ReconciliationMetrics.Event.INVALID);
			logger.warn("Stripe reconciliation: a listed event was skipped: {}", ex.getMessage());
			return result.plusInvalid();
		}
		if (this.events.insertIfAbsent(row)) {
			this.metrics.event(ReconciliationMetrics.Event.STORED);
			logger.info("Stripe event {} ({}) stored by reconciliation: it had never arrived", row.id(), row.type());
			// committed already (no transaction spans a run): the applier can take it now
			this.applier.wake();
			return result.plusStored();
		}
		this.metrics.event(ReconciliationMetrics.Event.ALREADY_KNOWN);
		return result.plusAlreadyKnown();
	}

	private ReconciliationResult limitReached(ReconciliationResult result, int maxEvents, Instant since) {
		this.metrics.run(ReconciliationMetrics.Run.LIMIT_REACHED);
		ReconciliationResult incomplete = result.incomplete();
		logger.warn("Stripe reconciliation since {} stopped at STRIPE_RECONCILIATION_MAX_EVENTS={}: older events "
				+ "of the window were not listed; {}", since, maxEvents, incomplete);
		return incomplete;
	}

	/** Stripe failed; {@link #sofar()} is what the run had done, and stays done. */
	static final class StripeUnavailableException extends RuntimeException {

		private final transient ReconciliationResult sofar;

		StripeUnavailableException(ReconciliationResult sofar) {
			super("Stripe could not list events");
			this.sofar = sofar;
		}

		ReconciliationResult sofar() {
			return this.sofar;
		}

	}

}
