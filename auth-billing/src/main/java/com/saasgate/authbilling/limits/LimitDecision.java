package com.saasgate.authbilling.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link AttemptLimiter} answers: the attempt may go ahead, or the key is locked for a while.
 */
public sealed interface LimitDecision permits LimitDecision.Allowed, LimitDecision.Blocked {

	/** Convenience for callers on Java 17, where switching over the cases needs a preview feature. */
	default boolean allowed() {
		return this instanceof Allowed;
	}

	/**
	 * Not blocked.
	 *
	 * @param remaining attempts left in the current window before the key is locked (0 when the
	 * attempt just answered used up the budget)
	 */
	record Allowed(int remaining) implements LimitDecision {

		public Allowed {
			if (remaining < 0) {
				throw new IllegalArgumentException("remaining must not be negative, was " + remaining);
			}
		}

	}

	/**
	 * Locked until the lock ends.
	 *
	 * @param retryAfter how long the lock still lasts, rounded up to whole seconds and at least one
	 * second, ready for an HTTP {@code Retry-After} header (RFC 9110 §10.2.3 takes whole seconds)
	 */
	record Blocked(Duration retryAfter) implements LimitDecision {

		public Blocked {
			Objects.requireNonNull(retryAfter, "retryAfter");
			long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
			// Rounding down could tell a client to retry while it is still locked; zero would invite a
			// tight retry loop.
			retryAfter = Duration.ofSeconds(Math.max(1, seconds));
		}

		/** The value of a {@code Retry-After} header. */
		public long retryAfterSeconds() {
			return this.retryAfter.getSeconds();
		}

	}

}
