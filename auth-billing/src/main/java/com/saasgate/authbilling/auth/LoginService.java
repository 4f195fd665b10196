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
 * Login with brute-force protection. Failures are counted per email and per client address; a
 * locked email or address is refused before its password is even looked at, so a right and a wrong
 * password get the same 429. Unknown emails are checked against a dummy hash, so they cost as much
 * time as wrong passwords and get the same 401.
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
		Optional<Duration> locked = this.attempts.loginLockedFor(email, clientAddress);
		if (locked.isPresent()) {
			count("locked");
			throw ApiException.tooManyRequests("too_many_attempts", "Too many failed logins; try again later.",
					locked.get());
		}
		UserRow user = this.users.findByEmail(email).orElse(null);
		boolean matches = this.passwordEncoder.matches(password, (user != null) ? user.passwordHash() : this.dummyHash);
		if (user == null || !matches) {
			this.attempts.loginFailed(email, clientAddress);
			count("invalid_credentials");
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong.");
		}
		this.attempts.loginSucceeded(email);
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
