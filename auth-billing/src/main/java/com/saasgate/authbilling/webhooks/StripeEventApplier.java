package com.saasgate.authbilling.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.ops.ShutdownDrain;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies stored events, each in its own transaction: the row is locked ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas never apply one event twice at once), its type's {@link StripeEventHandler}
 * runs, and the row is marked {@code applied} (or {@code ignored}, for a type nobody handles) in that
 * same transaction. So an event is applied exactly once, or not at all and tried again: a failure
 * rolls back whatever the handler did, is recorded with its error, and is retried after 2 s, 4 s, 8 s
 * ... up to {@code stripe.events.max-backoff}; after {@code stripe.events.max-attempts} the event is
 * {@code failed}, which operators list and replay ({@code /internal/stripe-events}). Nothing is ever
 * dropped.
 * <p>
 * Passes run on one thread per replica: {@link #wake()} after the intake commits (so a delivery is
 * applied within milliseconds), and every {@code stripe.events.interval} for retries and for events
 * another replica stored and did not get to. Requests during a pass coalesce into one more pass.
 */
@Component
class StripeEventApplier implements ShutdownDrain {

	private static final Logger logger = LoggerFactory.getLogger(StripeEventApplier.class);

	private final StripeEventRepository events;

	private final Map<String, StripeEventHandler> handlers = new HashMap<>();

	private final ApplierProperties properties;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final WebhookMetrics metrics;

	private final Clock clock;

	private final JobOutages outages;

	/** One pass at a time, at most one more waiting; further wake-ups are already covered by it. */
	private final ThreadPoolExecutor passes = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(1), new CustomizableThreadFactory("stripe-events-"),
			new ThreadPoolExecutor.DiscardPolicy());

	private volatile boolean stopping;

	StripeEventApplier(StripeEventRepository events, List<StripeEventHandler> handlers, ApplierProperties properties,
			PlatformTransactionManager transactionManager, JsonMapper json, WebhookMetrics metrics, Clock clock,
			JobOutages outages) {
		this.events = events;
		for (StripeEventHandler handler : handlers) {
			for (String type : handler.types()) {
				StripeEventHandler other = this.handlers.putIfAbsent(type, handler);
				if (other != null) {
					throw new IllegalStateException("Stripe event type " + type + " has two handlers: "
							+ other.getClass().getName() + " and " + handler.getClass().getName());
				}
			}
		}
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.json = json;
		this.metrics = metrics;
		this.clock = clock;
		this.outages = outages;
	}

	/** Asks for a pass soon, on the applier's thread. */
	void wake() {
		if (!this.stopping) {
			this.passes.execute(() -> this.outages.run("StripeEventApplier.applyDue", this::applyDue));
		}
	}

	/** {@link #wake()} once the current transaction commits (an event stored, or put back). */
	void wakeAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wake();
			}
		});
	}

	@Scheduled(fixedDelayString = "${stripe.events.interval:1s}")
	void scheduled() {
		wake();
	}

	/**
	 * Applies due events, oldest first, until none is left that this replica can take.
	 * @return how many were applied or ignored
	 */
	int applyDue() {
		int done = 0;
		int taken;
		List<String> due;
		do {
			taken = 0;
			due = this.events.dueIds(this.clock.instant(), this.properties.batchSize());
			for (String id : due) {
				if (this.stopping) {
					return done;
				}
				Outcome outcome = applyOne(id);
				if (outcome != Outcome.SKIPPED) {
					taken++;
				}
				if (outcome == Outcome.APPLIED || outcome == Outcome.IGNORED) {
					done++;
				}
			}
		}
		while (due.size() == this.properties.batchSize() && taken > 0);
		return done;
	}

	/** Applies one event if it is still due and no other replica holds it. */
	Outcome applyOne(String id) {
		int[] attempts = { 0 };
		String[] type = { WebhookMetrics.OTHER };
		try {
			Outcome outcome = this.transactions.execute((status) -> {
				Instant now = this.clock.instant();
				StripeEventRepository.Locked event = this.events.lockIfDue(id, now).orElse(null);
				if (event == null) {
					return Outcome.SKIPPED;
				}
				attempts[0] = event.attempts();
				StripeObjectFields fields = StripeObjectReader.read(this.json.readTree(event.payload()));
				type[0] = fields.type();
				StripeEventHandler handler = this.handlers.get(fields.type());
				if (handler == null) {
					this.events.markDone(id, "ignored", now);
					return Outcome.IGNORED;
				}
				handler.apply(fields);
				this.events.markDone(id, "applied", now);
				return Outcome.APPLIED;
			});
			if (outcome == Outcome.APPLIED) {
				logger.info("Stripe event {} ({}) applied", id, type[0]);
				this.metrics.count(type[0], WebhookMetrics.Status.APPLIED);
			}
			else if (outcome == Outcome.IGNORED) {
				logger.debug("Stripe event {} ({}) has no handler; kept and acknowledged", id, type[0]);
				this.metrics.count(type[0], WebhookMetrics.Status.IGNORED);
			}
			return outcome;
		}
		catch (RuntimeException ex) {
			return failed(id, type[0], attempts[0] + 1, ex);
		}
	}

	private Outcome failed(String id, String type, int attempt, RuntimeException ex) {
		Instant next = this.clock.instant().plus(this.properties.backoff(attempt));
		String error = error(ex);
		String status = this.transactions
			.execute((tx) -> this.events.recordFailure(id, error, next, this.properties.maxAttempts()))
			.orElse("gone");
		if ("failed".equals(status)) {
			logger.error("Stripe event {} ({}) failed {} times and waits for an operator's replay: {}", id, type,
					attempt, error);
			this.metrics.count(type, WebhookMetrics.Status.FAILED);
			return Outcome.FAILED;
		}
		logger.warn("Stripe event {} ({}) not applied (attempt {}), retrying at {}: {}", id, type, attempt, next,
				error);
		this.metrics.count(type, WebhookMetrics.Status.RETRIED);
		return Outcome.RETRIED;
	}

	private static String error(Exception ex) {
		String message = (ex instanceof StripeEventDeferred) ? ex.getMessage()
				: ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		return (message.length() > 1000) ? message.substring(0, 1000) : message;
	}

	/** At shutdown, once the requests are answered: no new pass; the one in progress ends after its event. */
	@Override
	public void stopTaking() {
		this.stopping = true;
		this.passes.shutdown();
	}

	@Override
	public String awaitDrained(Instant deadline) throws InterruptedException {
		long left = Math.max(0, java.time.Duration.between(Instant.now(), deadline).toMillis());
		return this.passes.awaitTermination(left, TimeUnit.MILLISECONDS) ? "Stripe event applier idle"
				: "Stripe event applier still applying (its event rolls back and stays pending)";
	}

	/** Lets the pass in progress finish its event, then stops. */
	@PreDestroy
	void stop() throws InterruptedException {
		this.stopping = true;
		this.passes.shutdown();
		if (!this.passes.awaitTermination(10, TimeUnit.SECONDS)) {
			logger.warn("Stripe event applier still busy after 10 s at shutdown; its event will be retried");
		}
	}

	/** What became of one due event. */
	enum Outcome {

		APPLIED, IGNORED, RETRIED, FAILED, SKIPPED

	}

}
