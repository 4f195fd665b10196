package com.saasgate.authbilling.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named limit: at most {@code maxAttempts} within {@code window}; the attempt that reaches it locks
 * the key for {@code lockout}. The window is fixed: it starts with the first attempt and is not
 * extended by later ones. Once a lock ends, the key starts again with a full budget.
 *
 * @param name appears in Redis key names, so it is restricted to letters, digits, {@code .}, {@code _}
 * and {@code -} (no {@code :} or braces, which would make key names ambiguous)
 * @param maxAttempts at least 1
 * @param window at least one millisecond
 * @param lockout at least one millisecond
 */
public record LimitPolicy(String name, int maxAttempts, Duration window, Duration lockout) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	public LimitPolicy {
		Objects.requireNonNull(name, "name");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("name must be 1-64 of [A-Za-z0-9._-], was '" + name + "'");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		requireMillis(window, "window");
		requireMillis(lockout, "lockout");
	}

	// Redis expiries (PX / PEXPIRE) are whole milliseconds; anything shorter would never count.
	private static void requireMillis(Duration duration, String what) {
		Objects.requireNonNull(duration, what);
		if (duration.toMillis() < 1) {
			throw new IllegalArgumentException(what + " must be at least 1ms, was " + duration);
		}
	}

}
