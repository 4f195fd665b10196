package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.saasgate.authbilling.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Login with brute-force protection ({@link AuthAttempts}). The attempt is reserved before the
 * password is looked at, so a locked login is refused the same way for a right and a wrong password
 * (429), and parallel guesses cannot slip past the limit between a check and a count. Unknown emails
 * are checked against a dummy hash, so they cost as much time as wrong passwords and get the same 401.
 */
@Service
class LoginService {

	private final UserRepository users;

	private final SessionService sessions;

	private final PasswordEncoder passwordEncoder;

	private final AuthAttempts attempts;

	private final MeterRegistry meters;

	private final Clock clock;

	private final String dummyHash;

	LoginService(UserRepository users, SessionService sessions, PasswordEncoder passwordEncoder,
			AuthAttempts attempts, MeterRegistry meters, Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.passwordEncoder = passwordEncoder;
		this.attempts = attempts;
		this.meters = meters;
		this.clock = clock;
		this.dummyHash = passwordEncoder.encode(SecretTokens.newToken());
	}

	TokenPair login(String rawEmail, String password, String clientAddress) {
		String email = Emails.normalise(rawEmail);
		AuthAttempts.LoginAttempt attempt = this.attempts.reserveLogin(email, clientAddress);
		Optional<Duration> refused = attempt.refusedFor();
		if (refused.isPresent()) {
			count("locked");
			throw ApiException.tooManyRequests("too_many_attempts", "Too many failed logins; try again later.",
					refused.get());
		}
		UserRow user;
		boolean matches;
		try {
			user = this.users.findByEmail(email).orElse(null);
			matches = this.passwordEncoder.matches(password, (user != null) ? user.passwordHash() : this.dummyHash);
		}
		catch (RuntimeException ex) {
			// Overloaded hashing or a database error: nothing was checked, so nothing counts.
			attempt.abandoned();
			throw ex;
		}
		if (user == null || !matches) {
			attempt.failed();
			count("invalid_credentials");
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong.");
		}
		attempt.succeeded();
		if (!user.emailVerified()) {
			count("email_not_verified");
			throw new ApiException(HttpStatus.FORBIDDEN, "email_not_verified",
					"Verify your email address first; we can send the link again.");
		}
		if (this.passwordEncoder.upgradeEncoding(user.passwordHash())) {
			this.users.updatePasswordHash(user.id(), this.passwordEncoder.encode(password), this.clock.instant());
		}
		count("success");
		return this.sessions.start(user);
	}

	private void count(String result) {
		this.meters.counter("login_attempts", "result", result).increment();
	}

}
