package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.saasgate.authbilling.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A bulkhead around a memory-hard password encoder: at most {@code slots} hashes run at once, up to
 * {@code maxQueued} more wait their turn in arrival order (a fair semaphore), and one that cannot start
 * within {@code maxWait} is refused with {@code 503 overloaded} and {@code Retry-After}, as is one that
 * finds the queue full. Argon2 is CPU- and memory-bound: hashes beyond the cores only share the same
 * cores while each holds its memory, so running them in turn is faster as well as bounded in heap
 * (at most {@code slots} × the Argon2 memory cost). Register, login (the dummy hash included), password
 * reset and hash upgrades all go through here.
 * <p>
 * Meters: {@code password_hash_active} and {@code password_hash_queued} (gauges),
 * {@code password_hash_rejected_total{reason=queue_full|timeout}}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore slots;

	private final int slotCount;

	private final int maxQueued;

	private final Duration maxWait;

	private final AtomicInteger queued = new AtomicInteger();

	private final Counter queueFull;

	private final Counter timedOut;

	BoundedPasswordEncoder(PasswordEncoder delegate, int slots, int maxQueued, Duration maxWait, MeterRegistry meters) {
		if (slots < 1) {
			throw new IllegalArgumentException("slots must be at least 1, was " + slots);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("maxQueued must not be negative, was " + maxQueued);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
		this.delegate = delegate;
		this.slots = new Semaphore(slots, true);
		this.slotCount = slots;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		Gauge.builder("password.hash.active", this, (encoder) -> encoder.slotCount - encoder.slots.availablePermits())
			.description("Password hashes running now")
			.register(meters);
		Gauge.builder("password.hash.queued", this.queued, AtomicInteger::get)
			.description("Password hashes waiting for a slot")
			.register(meters);
		this.queueFull = rejected(meters, "queue_full");
		this.timedOut = rejected(meters, "timeout");
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return bounded(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return bounded(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		// Reads the stored parameters only; no hash is computed.
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> T bounded(Supplier<T> hash) {
		acquire();
		try {
			return hash.get();
		}
		finally {
			this.slots.release();
		}
	}

	private void acquire() {
		try {
			// The timed form even for the fast path: the untimed tryAcquire() would barge past the queue.
			if (this.slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
				return;
			}
			if (this.queued.incrementAndGet() > this.maxQueued) {
				this.queued.decrementAndGet();
				this.queueFull.increment();
				throw overloaded();
			}
			try {
				if (!this.slots.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
					this.timedOut.increment();
					throw overloaded();
				}
			}
			finally {
				this.queued.decrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw overloaded();
		}
	}

	private ApiException overloaded() {
		return ApiException.overloaded("Too many sign-ins at once; try again in a moment.", this.maxWait);
	}

	private static Counter rejected(MeterRegistry meters, String reason) {
		return Counter.builder("password.hash.rejected")
			.description("Password hashes refused because every slot was busy")
			.tag("reason", reason)
			.register(meters);
	}

}
