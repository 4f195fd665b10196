package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.util.Optional;

import com.saasgate.authbilling.limits.AttemptLimiter;
import com.saasgate.authbilling.limits.LimitDecision;
import com.saasgate.authbilling.limits.LimitPolicy;

import org.springframework.stereotype.Component;

/**
 * The attempt limits of the auth calls, counted per email and per client address: failed logins,
 * and the account mails (verification and reset together) an address can ask for.
 */
@Component
class AuthAttempts {

	private final AttemptLimiter limiter;

	private final LimitPolicy loginPerEmail;

	private final LimitPolicy loginPerAddress;

	private final LimitPolicy mailPerEmail;

	private final LimitPolicy mailPerAddress;

	AuthAttempts(AttemptLimiter limiter, AuthProperties properties) {
		AuthProperties.Login login = properties.login();
		this.limiter = limiter;
		this.loginPerEmail = new LimitPolicy("login-email", login.maxFailuresPerEmail(), login.failureWindow(),
				login.lockout());
		this.loginPerAddress = new LimitPolicy("login-ip", login.maxFailuresPerIp(), login.failureWindow(),
				login.lockout());
		// Enough for a user who lost a mail, too few to mail-bomb anybody.
		this.mailPerEmail = new LimitPolicy("mail-email", 3, Duration.ofHours(1), Duration.ofHours(1));
		this.mailPerAddress = new LimitPolicy("mail-ip", 30, Duration.ofHours(1), Duration.ofHours(1));
	}

	/** How long the address or the email is still locked out of logging in; empty when neither is. */
	Optional<Duration> loginLockedFor(String email, String address) {
		return blocked(this.limiter.check(this.loginPerAddress, address))
			.or(() -> blocked(this.limiter.check(this.loginPerEmail, email)));
	}

	void loginFailed(String email, String address) {
		this.limiter.recordFailure(this.loginPerAddress, address);
		this.limiter.recordFailure(this.loginPerEmail, email);
	}

	/** Only the email's count: one account's success must not clear an address that is guessing others. */
	void loginSucceeded(String email) {
		this.limiter.reset(this.loginPerEmail, email);
	}

	/** Counts one account mail asked for; how long to wait when over the limit, else empty. */
	Optional<Duration> mailRefusedFor(String email, String address) {
		return blocked(this.limiter.tryAcquire(this.mailPerAddress, address))
			.or(() -> blocked(this.limiter.tryAcquire(this.mailPerEmail, email)));
	}

	private static Optional<Duration> blocked(LimitDecision decision) {
		return (decision instanceof LimitDecision.Blocked blocked) ? Optional.of(blocked.retryAfter()) : Optional.empty();
	}

}
