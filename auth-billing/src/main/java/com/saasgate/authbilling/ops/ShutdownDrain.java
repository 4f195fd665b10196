package com.saasgate.authbilling.ops;

import java.time.Instant;

/**
 * Background work that must be finished, or handed back, before the connection pools close at
 * shutdown: the outbox relay, the Stripe event applier and the trial runs. {@link GracefulShutdown} calls
 * {@link #stopTaking()} on every one once the web server has drained its requests, then
 * {@link #awaitDrained(Instant)}, all within {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
public interface ShutdownDrain {

	/** Takes no new work from now on: no new claim, no new pass. Must not block. */
	void stopTaking();

	/**
	 * Waits until the work in hand is done (or handed back for another replica), at most until
	 * {@code deadline}.
	 * @return what became of it, for the one line logged at shutdown, e.g. "outbox relay idle"
	 */
	String awaitDrained(Instant deadline) throws InterruptedException;

}
