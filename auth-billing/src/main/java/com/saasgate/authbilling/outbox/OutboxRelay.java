package com.saasgate.authbilling.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.saasgate.authbilling.ops.JobOutages;
import com.saasgate.authbilling.ops.ShutdownDrain;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers due messages. Each pass claims a batch under a fresh token with a lease
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same row at once), hands each message
 * to its topic's handler outside any transaction, and completes it with an update fenced by the
 * token: delivered, retry scheduled (2 s, 4 s, 8 s ... up to {@code outbox.max-backoff}) or, after
 * {@code outbox.max-attempts} or a {@link PermanentDeliveryFailure}, dead-lettered. A relay whose
 * lease ran out and was claimed by another changes nothing; that is counted and logged.
 * <p>
 * The lease rule: the lease is longer than {@code batchSize × handlerTimeout} (checked at
 * start-up), and no message is started when less than one handler timeout of the lease is left; the
 * rest of the batch is released untried. So a slow relay loses no claim it is still working on, and
 * a message is delivered twice only when a replica dies or a handler overruns its timeout
 * (delivery is at least once).
 *
 * <p>{@code OUTBOX_RELAY_ENABLED=false} leaves it out: the instance queues, other replicas deliver.
 */
@Component
@ConditionalOnProperty(prefix = "outbox", name = "relay-enabled", havingValue = "true", matchIfMissing = true)
class OutboxRelay implements ShutdownDrain {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxRepository repository;

	private final OutboxHandlers handlers;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	private final JsonMapper json;

	private final Clock clock;

	private final JobOutages outages;

	OutboxRelay(OutboxRepository repository, OutboxHandlers handlers, OutboxProperties properties,
			OutboxMetrics metrics, JsonMapper json, Clock clock, JobOutages outages) {
		this.repository = repository;
		this.handlers = handlers;
		this.properties = properties;
		this.metrics = metrics;
		this.json = json;
		this.clock = clock;
		this.outages = outages;
	}

	/** Wake-ups coalesce: one relay at a time on this thread, at most one more waiting. */
	private final ThreadPoolExecutor wakeups = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(1), new CustomizableThreadFactory("outbox-wakeup-"),
			new ThreadPoolExecutor.DiscardPolicy());

	/**
	 * Relays soon on a thread of its own: called after a transaction that queued a message commits,
	 * so a tier change is on Redis in milliseconds rather than at the next poll. The poll stays, for
	 * retries and for messages other replicas queued.
	 */
	void wake() {
		if (!this.wakeups.isShutdown()) {
			this.wakeups.execute(() -> {
				try {
					// the same job as the poll's (the scheduled relay): one line per outage between them
					this.outages.run("OutboxRelay.relay", this::relay);
				}
				catch (RuntimeException ex) {
					logger.warn("Outbox relay after a commit failed; the next poll retries: {}", ex.toString());
				}
			});
		}
	}

	/** Relays in progress, on the scheduler's thread or the wake-up thread. */
	private int relaying;

	private volatile boolean stopping;

	private final AtomicInteger releasedAtShutdown = new AtomicInteger();

	@PreDestroy
	void stop() throws InterruptedException {
		this.wakeups.shutdown();
		this.wakeups.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** At shutdown: no new claim, and a relay in progress releases what it has not started. */
	@Override
	public void stopTaking() {
		this.stopping = true;
		this.wakeups.shutdown();
	}

	@Override
	public synchronized String awaitDrained(Instant deadline) throws InterruptedException {
		long left;
		while (this.relaying > 0 && (left = Duration.between(Instant.now(), deadline).toMillis()) > 0) {
			wait(left);
		}
		return "outbox relay " + ((this.relaying > 0) ? "still delivering (its claim lapses after OUTBOX_LEASE)"
				: "idle") + ", " + this.releasedAtShutdown.get() + " claimed messages released untried";
	}

	private synchronized void relaying(int change) {
		this.relaying += change;
		notifyAll();
	}

	/** Passes until a claim comes back short of a full batch or was cut short by its lease. */
	@Scheduled(fixedDelayString = "${outbox.relay-interval:1s}")
	void relay() {
		relaying(1);
		try {
			Pass pass;
			do {
				pass = runOnce();
			}
			while (pass.claimed() == this.properties.batchSize() && pass.released() == 0 && !this.stopping);
		}
		finally {
			relaying(-1);
		}
	}

	/** One claim and its deliveries. */
	Pass runOnce() {
		if (this.handlers.topics().isEmpty() || this.stopping) {
			return Pass.EMPTY;
		}
		Instant now = this.clock.instant();
		OutboxRepository.Claim claim = this.repository.claim(this.handlers.topics(), now,
				now.plus(this.properties.lease()), this.properties.batchSize());
		Pass pass = new Pass(claim.messages().size(), 0, 0, 0, 0, 0);
		List<OutboxRepository.ClaimedMessage> messages = claim.messages();
		for (int i = 0; i < messages.size(); i++) {
			if (this.stopping) {
				pass = releaseAtShutdown(claim, messages.subList(i, messages.size()), pass);
				break;
			}
			if (this.clock.instant().plus(this.properties.handlerTimeout()).isAfter(claim.until())) {
				pass = release(claim, messages.subList(i, messages.size()), pass);
				break;
			}
			pass = pass.plus(deliver(claim, messages.get(i)));
		}
		return pass;
	}

	private Outcome deliver(OutboxRepository.Claim claim, OutboxRepository.ClaimedMessage message) {
		OutboxHandler handler = this.handlers.forTopic(message.topic()).orElseThrow();
		Instant started = this.clock.instant();
		try {
			handler.handle(this.json.readTree(message.payload()));
		}
		catch (PermanentDeliveryFailure ex) {
			logger.warn("Outbox message {} ({}) failed permanently, dead-lettered: {}", message.id(), message.topic(),
					ex.getMessage());
			return deadLetter(claim, message, ex);
		}
		catch (Exception ex) {
			warnIfOverran(message, started);
			return failed(claim, message, ex);
		}
		warnIfOverran(message, started);
		// Outside the try: a failure to record a delivery must not schedule the message again.
		return fenced(message, this.repository.markDelivered(message.id(), claim.token(), this.clock.instant(),
				handler.dropOnDelivery()), Outcome.DELIVERED);
	}

	private Outcome failed(OutboxRepository.Claim claim, OutboxRepository.ClaimedMessage message, Exception ex) {
		if (message.attempts() >= this.properties.maxAttempts()) {
			logger.warn("Outbox message {} ({}) failed {} times, dead-lettered: {}", message.id(), message.topic(),
					message.attempts(), ex.getMessage());
			return deadLetter(claim, message, ex);
		}
		Duration backoff = backoff(message.attempts());
		logger.warn("Outbox message {} ({}) failed (attempt {}), retrying in {}: {}", message.id(), message.topic(),
				message.attempts(), backoff, ex.getMessage());
		return fenced(message,
				this.repository.scheduleRetry(message.id(), claim.token(), this.clock.instant().plus(backoff), error(ex)),
				Outcome.RETRIED);
	}

	private Outcome deadLetter(OutboxRepository.Claim claim, OutboxRepository.ClaimedMessage message, Exception ex) {
		Outcome outcome = fenced(message,
				this.repository.deadLetter(message.id(), claim.token(), this.clock.instant(), error(ex)),
				Outcome.DEAD_LETTERED);
		if (outcome == Outcome.DEAD_LETTERED) {
			this.metrics.deadLettered(message.topic());
		}
		return outcome;
	}

	private Outcome fenced(OutboxRepository.ClaimedMessage message, boolean completed, Outcome outcome) {
		if (completed) {
			return outcome;
		}
		logger.warn("Outbox message {} ({}): the claim was taken over by another relay, this completion ({}) "
				+ "changed nothing", message.id(), message.topic(), outcome);
		this.metrics.claimLost(message.topic());
		return Outcome.CLAIM_LOST;
	}

	private Pass release(OutboxRepository.Claim claim, List<OutboxRepository.ClaimedMessage> rest, Pass pass) {
		List<Long> ids = new ArrayList<>();
		rest.forEach((message) -> ids.add(message.id()));
		int released = this.repository.release(ids, claim.token());
		logger.warn("Outbox lease ends at {}, too soon for another delivery; released {} messages untried",
				claim.until(), released);
		return new Pass(pass.claimed(), pass.delivered(), pass.retried(), pass.deadLettered(), pass.claimsLost(),
				rest.size());
	}

	/** Shutting down: the rest of the claim goes back at once, for this or another replica to deliver. */
	private Pass releaseAtShutdown(OutboxRepository.Claim claim, List<OutboxRepository.ClaimedMessage> rest, Pass pass) {
		List<Long> ids = new ArrayList<>();
		rest.forEach((message) -> ids.add(message.id()));
		int released = this.repository.release(ids, claim.token());
		this.releasedAtShutdown.addAndGet(released);
		logger.info("Outbox relay shutting down: released {} claimed messages untried", released);
		return new Pass(pass.claimed(), pass.delivered(), pass.retried(), pass.deadLettered(), pass.claimsLost(),
				rest.size());
	}

	private void warnIfOverran(OutboxRepository.ClaimedMessage message, Instant started) {
		Duration took = Duration.between(started, this.clock.instant());
		if (took.compareTo(this.properties.handlerTimeout()) > 0) {
			logger.warn("Outbox message {} ({}) took {}, longer than OUTBOX_HANDLER_TIMEOUT ({}) which the lease "
					+ "is sized for", message.id(), message.topic(), took, this.properties.handlerTimeout());
		}
	}

	/** 2 s, 4 s, 8 s ... up to {@link OutboxProperties#maxBackoff()}. */
	Duration backoff(int attempts) {
		Duration backoff = Duration.ofSeconds(1L << Math.min(Math.max(attempts, 1), 20));
		return (backoff.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : backoff;
	}

	private static String error(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

	/** What became of one claimed message. */
	enum Outcome {

		DELIVERED, RETRIED, DEAD_LETTERED, CLAIM_LOST

	}

	/** What one pass did: rows claimed, their outcomes, and rows released untried. */
	record Pass(int claimed, int delivered, int retried, int deadLettered, int claimsLost, int released) {

		static final Pass EMPTY = new Pass(0, 0, 0, 0, 0, 0);

		Pass plus(Outcome outcome) {
			return switch (outcome) {
				case DELIVERED -> new Pass(this.claimed, this.delivered + 1, this.retried, this.deadLettered,
						this.claimsLost, this.released);
				case RETRIED -> new Pass(this.claimed, this.delivered, this.retried + 1, this.deadLettered,
						this.claimsLost, this.released);
				case DEAD_LETTERED -> new Pass(this.claimed, this.delivered, this.retried, this.deadLettered + 1,
						this.claimsLost, this.released);
				case CLAIM_LOST -> new Pass(this.claimed, this.delivered, this.retried, this.deadLettered,
						this.claimsLost + 1, this.released);
			};
		}

	}

}
