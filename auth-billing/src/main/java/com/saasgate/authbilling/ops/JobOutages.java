package com.saasgate.authbilling.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the passes of background jobs so that a database outage is one line per job, not a stack trace
 * per run: the first pass that fails because PostgreSQL is unavailable ({@link DatabaseFailures}) logs
 * one {@code WARN}, later failing passes only {@code DEBUG}, and the first pass that succeeds after
 * them one {@code INFO} saying the job recovered. The job simply runs again at its next trigger, so
 * nothing is lost by swallowing the failure. Any other failure is rethrown and logged as before.
 *
 * <p>Every {@code @Scheduled} method goes through it ({@link ScheduledJobOutagesConfiguration}); work a
 * job hands to a thread of its own (the outbox relay's and the Stripe event applier's wake-ups) calls
 * {@link #run} itself.
 */
public final class JobOutages {

	private static final Logger logger = LoggerFactory.getLogger(JobOutages.class);

	/** The jobs now in an outage, by name. */
	private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

	/** Runs one pass of {@code job}; a database outage is logged as described above and not thrown. */
	public void run(String job, Runnable pass) {
		try {
			call(job, () -> {
				pass.run();
				return null;
			});
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@link #run} for a pass that returns a value or throws checked exceptions; {@code null} after an outage. */
	Object call(String job, Pass pass) throws Throwable {
		Object result;
		try {
			result = pass.run();
		}
		catch (Throwable ex) {
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			if (this.failing.putIfAbsent(job, Boolean.TRUE) == null) {
				logger.warn("Job {}: the database is unavailable ({}); quiet until it recovers", job, summary(ex));
			}
			else {
				logger.debug("Job {}: the database is still unavailable ({})", job, summary(ex));
			}
			return null;
		}
		if (this.failing.remove(job) != null) {
			logger.info("Job {}: recovered, the database is available again", job);
		}
		return result;
	}

	/** Whether {@code job}'s last pass failed on a database outage. */
	public boolean isFailing(String job) {
		return this.failing.containsKey(job);
	}

	/** The innermost cause, named and described on one line (no stack trace, no SQL). */
	private static String summary(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
	}

	/** One pass of a job. */
	@FunctionalInterface
	interface Pass {

		Object run() throws Throwable;

	}

}
