package com.saasgate.authbilling.trial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.ops.ShutdownDrain;
import com.saasgate.authbilling.tier.TierChanges;
import com.saasgate.authbilling.tier.TrialExpiryBatch;
import com.saasgate.authbilling.tier.TrialPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trial expiry and reminders, batch by batch: each batch is one short transaction that changes its
 * users and queues their mails, so a crash leaves every finished batch done and the next run does
 * the rest, nothing twice. Runs on any replica at once stay correct (rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and guarded by their tier); the locks only save the duplicate work.
 */
@Service
class TrialService implements ShutdownDrain {

	/** ShedLock names, shared by the jobs and {@code /trials/check}. */
	static final String EXPIRY_LOCK = "trial-expiry";

	static final String REMINDER_LOCK = "trial-reminder";

	/** How far ahead the reminder looks: "trial ends tomorrow". */
	static final Duration REMINDER_WINDOW = Duration.ofHours(24);

	private static final Logger logger = LoggerFactory.getLogger(TrialService.class);

	private final TierChanges tiers;

	private final MailOutbox mail;

	private final TrialMails mails;

	private final TrialRepository repository;

	private final TrialMetrics metrics;

	private final TrialProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** Set at shutdown: no run starts another batch. */
	private volatile boolean stopping;

	/** Runs in progress on this instance; guarded by {@code this}. */
	private int running;

	TrialService(TierChanges tiers, MailOutbox mail, TrialMails mails, TrialRepository repository, TrialMetrics metrics,
			TrialProperties properties, TransactionTemplate transactions, Clock clock) {
		this.tiers = tiers;
		this.mail = mail;
		this.mails = mails;
		this.repository = repository;
		this.metrics = metrics;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Downgrades every trial that has ended, batch after batch, until none is left; how many.
	 * {@code TRIAL_WORKERS} passes run at once, each claiming its own batches ({@code SKIP LOCKED}: never
	 * the same rows) and starting each where its last ended. A last pass from the front then takes the
	 * rows that were held by another transaction when their turn came (a webhook's upgrade, another
	 * replica's batch that rolled back). A failed batch stops the other passes after their current
	 * batch; finished batches stay done and the next run does the rest.
	 */
	int expire() {
		Instant now = this.clock.instant();
		return runningCounted(() -> {
			AtomicBoolean stop = new AtomicBoolean();
			int total = inParallel(this.properties.workers(), stop, () -> expirePass(now, stop));
			return (total > 0) ? total + expirePass(now, stop) : total;
		});
	}

	/** Batches in trial-end order from the front until none is left (or another pass failed). */
	private int expirePass(Instant now, AtomicBoolean stop) {
		int total = 0;
		TrialPosition after = null;
		while (!stop.get() && !this.stopping) {
			TrialPosition position = after;
			TrialExpiryBatch batch = this.transactions.execute((status) -> expireBatch(now, position));
			// Counted per committed batch: a run that fails later still counts what it did.
			this.metrics.expired(batch.expired().size());
			total += batch.expired().size();
			if (batch.finished()) {
				return total;
			}
			after = batch.last();
		}
		return total;
	}

	/**
	 * Runs {@code pass} on {@code workers} threads (this one and {@code workers - 1} of a pool made for
	 * the run); the sum of what they did. The first failure stops the others and is thrown once all
	 * have returned.
	 */
	private static int inParallel(int workers, AtomicBoolean stop, IntSupplier pass) {
		IntSupplier stopping = () -> {
			try {
				return pass.getAsInt();
			}
			catch (RuntimeException ex) {
				stop.set(true);
				throw ex;
			}
		};
		if (workers == 1) {
			return stopping.getAsInt();
		}
		ExecutorService pool = Executors.newFixedThreadPool(workers - 1, new CustomizableThreadFactory("trial-expiry-"));
		try {
			List<Future<Integer>> others = new ArrayList<>();
			for (int i = 1; i < workers; i++) {
				others.add(pool.submit(stopping::getAsInt));
			}
			int total = 0;
			RuntimeException failure = null;
			try {
				total += stopping.getAsInt();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			for (Future<Integer> other : others) {
				try {
					total += other.get();
				}
				catch (ExecutionException ex) {
					if (failure == null) {
						failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
								: new IllegalStateException(ex.getCause());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					stop.set(true);
					if (failure == null) {
						failure = new IllegalStateException("Interrupted while the expiry passes ran", ex);
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
			return total;
		}
		finally {
			pool.shutdown();
		}
	}

	/** Queues "trial ends tomorrow" for every trial ending within 24 h not yet reminded; how many. */
	int remind() {
		Instant now = this.clock.instant();
		return runningCounted(() -> {
			int total = 0;
			int batch;
			do {
				batch = this.transactions.execute((status) -> remindBatch(now));
				this.metrics.reminded(batch);
				total += batch;
			}
			while (batch == this.properties.batchSize() && !this.stopping);
			return total;
		});
	}

	/** Records what a run did, for {@code /trials/stats}. */
	@Transactional
	TrialRun recordRun(int expired, int reminded) {
		TrialRun run = new TrialRun(this.clock.instant(), expired, reminded);
		this.repository.recordRun(run);
		return run;
	}

	@Transactional(readOnly = true)
	TrialStats stats() {
		Instant now = this.clock.instant();
		return this.repository.stats(now, now.plus(REMINDER_WINDOW));
	}

	private TrialExpiryBatch expireBatch(Instant now, TrialPosition after) {
		TrialExpiryBatch batch = this.tiers.expireTrials(this.properties.batchSize(), now, after);
		if (!batch.expired().isEmpty()) {
			this.mail.enqueueAll(batch.expired()
				.stream()
				.map((user) -> this.mails.ended(new TrialExpired(user.change().userId(), user.email(), user.name(),
						user.trialEndsAt(), user.change().changedAt())))
				.toList());
		}
		return batch;
	}

	private int remindBatch(Instant now) {
		List<TrialContact> due = this.repository.markReminders(now, now.plus(REMINDER_WINDOW),
				this.properties.batchSize());
		this.mail.enqueueAll(due.stream().map((user) -> this.mails.endsTomorrow(user, now)).toList());
		return due.size();
	}

	/**
	 * At shutdown (after the web server has drained): runs in progress stop before their next batch, so
	 * the batch in hand commits and the job's lock is released normally, instead of the run being cut
	 * off when the connection pool closes (its batch rolled back, its lock held until
	 * {@code TRIAL_LOCK_AT_MOST_FOR}). The next run does the rest.
	 */
	@Override
	public void stopTaking() {
		this.stopping = true;
	}

	@Override
	public synchronized String awaitDrained(Instant deadline) throws InterruptedException {
		long left;
		while (this.running > 0 && (left = Duration.between(Instant.now(), deadline).toMillis()) > 0) {
			wait(left);
		}
		return (this.running == 0) ? "trial jobs idle" : this.running + " trial run(s) still in their batch";
	}

	/** {@link #counted}, with the run counted as in progress for {@link #awaitDrained}. */
	private int runningCounted(IntSupplier run) {
		synchronized (this) {
			this.running++;
		}
		try {
			int done = counted(run);
			if (this.stopping) {
				logger.info("Trial run stopped for shutdown after {} users; the next run does the rest", done);
			}
			return done;
		}
		finally {
			synchronized (this) {
				this.running--;
				notifyAll();
			}
		}
	}

	/** A run, with a failure counted and logged before it is passed on; finished batches stay done. */
	private int counted(IntSupplier run) {
		try {
			return run.getAsInt();
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			logger.error("Trial run failed; finished batches stay done, the next run does the rest", ex);
			throw ex;
		}
	}

}
