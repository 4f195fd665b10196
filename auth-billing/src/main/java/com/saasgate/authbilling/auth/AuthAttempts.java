package com.saasgate.authbilling.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.saasgate.authbilling.limits.AddressBlock;
import com.saasgate.authbilling.limits.AttemptLimiter;
import com.saasgate.authbilling.limits.LimitDecision;
import com.saasgate.authbilling.limits.LimitPolicy;

import org.springframework.stereotype.Component;

/**
 * The attempt limits of the auth calls. Failed logins are counted per (email, client address), which
 * locks quickly without letting anyone elsewhere lock a user out, with higher ceilings per email
 * (distributed guessing of one account) and per address (one client guessing many accounts): OWASP
 * ASVS 5.0 6.3.1, NIST SP 800-63B §5.2.2, as Auth0's brute-force protection does it. Registrations
 * and account mails (verification and reset together) are rate limited per client address, mails per
 * email as well. Every address is counted by its {@link AddressBlock} (an IPv6 client by its /64).
 */
@Component
class AuthAttempts {

	private final AttemptLimiter limiter;

	private final LimitPolicy loginPerPair;

	private final LimitPolicy loginPerEmail;

	private final LimitPolicy loginPerAddress;

	private final LimitPolicy registerPerAddress;

	private final LimitPolicy mailPerEmail;

	private final LimitPolicy mailPerAddress;

	AuthAttempts(AttemptLimiter limiter, AuthProperties properties) {
		AuthProperties.Login login = properties.login();
		this.limiter = limiter;
		this.loginPerPair = new LimitPolicy("login-pair", login.maxFailures(), login.failureWindow(), login.lockout());
		this.loginPerEmail = new LimitPolicy("login-email", login.maxFailuresPerEmail(), login.failureWindow(),
				login.lockout());
		this.loginPerAddress = new LimitPolicy("login-ip", login.maxFailuresPerIp(), login.failureWindow(),
				login.lockout());
		AuthProperties.Registration registration = properties.registration();
		this.registerPerAddress = new LimitPolicy("register-ip", registration.maxPerIp(), registration.window(),
				registration.window());
		// Enough for a user who lost a mail, too few to mail-bomb anybody.
		this.mailPerEmail = new LimitPolicy("mail-email", 3, Duration.ofHours(1), Duration.ofHours(1));
		this.mailPerAddress = new LimitPolicy("mail-ip", 30, Duration.ofHours(1), Duration.ofHours(1));
	}

	/**
	 * Reserves one login attempt under all three limits before the password is checked. Each limit's
	 * reservation is atomic; when a later one refuses, the earlier ones are given back, so a refused
	 * attempt counts nowhere. (One script over all three would need their keys in one Redis Cluster
	 * slot, which keys of different emails and addresses are not.)
	 */
	LoginAttempt reserveLogin(String email, String clientAddress) {
		String address = AddressBlock.of(clientAddress);
		List<Reserved> reserved = new ArrayList<>(3);
		for (Reserved candidate : List.of(new Reserved(this.loginPerPair, email + " " + address),
				new Reserved(this.loginPerEmail, email), new Reserved(this.loginPerAddress, address))) {
			LimitDecision decision = this.limiter.reserve(candidate.policy(), candidate.key());
			if (decision instanceof LimitDecision.Blocked blocked) {
				reserved.forEach(this::release);
				return new LoginAttempt(List.of(), blocked.retryAfter());
			}
			reserved.add(candidate);
		}
		return new LoginAttempt(List.copyOf(reserved), null);
	}

	/**
	 * Reserves one registration for the address: how long to wait when its budget is spent (or held
	 * by registrations in flight), else empty. A reservation whose registration never ran (hashing
	 * overloaded) is given back with {@link #registrationAbandoned}.
	 */
	Optional<Duration> registrationRefusedFor(String address) {
		return blocked(this.limiter.reserve(this.registerPerAddress, AddressBlock.of(address)));
	}

	void registrationAbandoned(String address) {
		this.limiter.release(this.registerPerAddress, AddressBlock.of(address));
	}

	/** Counts one account mail asked for; how long to wait when over the limit, else empty. */
	Optional<Duration> mailRefusedFor(String email, String address) {
		return blocked(this.limiter.tryAcquire(this.mailPerAddress, AddressBlock.of(address)))
			.or(() -> blocked(this.limiter.tryAcquire(this.mailPerEmail, email)));
	}

	private void release(Reserved reserved) {
		this.limiter.release(reserved.policy(), reserved.key());
	}

	private static Optional<Duration> blocked(LimitDecision decision) {
		return (decision instanceof LimitDecision.Blocked blocked) ? Optional.of(blocked.retryAfter()) : Optional.empty();
	}

	private record Reserved(LimitPolicy policy, String key) {
	}

	/**
	 * One login attempt: refused ({@link #refusedFor()} present), or reserved under every limit and to be
	 * ended exactly once by {@link #failed()}, {@link #succeeded()} or {@link #abandoned()}.
	 */
	final class LoginAttempt {

		private final List<Reserved> reserved;

		private final Duration refusedFor;

		private boolean ended;

		private LoginAttempt(List<Reserved> reserved, Duration refusedFor) {
			this.reserved = reserved;
			this.refusedFor = refusedFor;
			this.ended = refusedFor != null;
		}

		/** How long the client must wait before another attempt; empty when this one may go ahead. */
		Optional<Duration> refusedFor() {
			return Optional.ofNullable(this.refusedFor);
		}

		/** The password was wrong (or the email unknown): the reservations become failures. */
		void failed() {
			end().forEach((r) -> AuthAttempts.this.limiter.fail(r.policy(), r.key()));
		}

		/**
		 * The password was right: every reservation is given back and the pair's earlier failures are
		 * forgotten. The email's and the address's are not: one success must not clear a budget that a
		 * guesser elsewhere, or of other accounts, is using up.
		 */
		void succeeded() {
			List<Reserved> ending = end();
			ending.forEach(AuthAttempts.this::release);
			ending.stream()
				.filter((r) -> r.policy() == AuthAttempts.this.loginPerPair)
				.forEach((r) -> AuthAttempts.this.limiter.reset(r.policy(), r.key()));
		}

		/** The check never ran (hashing overloaded, an error): the attempt counts nowhere. */
		void abandoned() {
			end().forEach(AuthAttempts.this::release);
		}

		private List<Reserved> end() {
			if (this.ended) {
				return List.of();
			}
			this.ended = true;
			return this.reserved;
		}

	}

}
