package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.saasgate.authbilling.auth.EmailTokenRepository.EmailTokenPurpose;
import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up: the account with its trial, the verification mail, and verification itself. The password
 * is hashed before the transaction opens, so the slow hash never holds a database connection.
 */
@Service
class RegistrationService {

	private final UserRepository users;

	private final EmailTokenRepository emailTokens;

	private final SessionService sessions;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	private final MailOutbox outbox;

	private final AuthMails mails;

	private final AuthAttempts attempts;

	private final AuthProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RegistrationService(UserRepository users, EmailTokenRepository emailTokens, SessionService sessions,
			PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, MailOutbox outbox, AuthMails mails,
			AuthAttempts attempts, AuthProperties properties, TransactionTemplate transactions, Clock clock) {
		this.users = users;
		this.emailTokens = emailTokens;
		this.sessions = sessions;
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
		this.outbox = outbox;
		this.mails = mails;
		this.attempts = attempts;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	UserRow register(AuthRequests.Register request, String clientAddress) {
		String email = Emails.normalise(request.email());
		if (!Emails.isPlausible(email)) {
			throw ApiException.invalidRequest("email is not a valid email address");
		}
		String problem = this.passwordPolicy.problem(request.password(), email);
		if (problem != null) {
			throw ApiException.invalidRequest(problem);
		}
		// Counted once the request is valid and before the hash: what the limit protects is the hashing.
		this.attempts.registrationRefusedFor(clientAddress).ifPresent((retryAfter) -> {
			throw ApiException.tooManyRequests("rate_limited", "Too many registrations; try again later.", retryAfter);
		});
		String name = (request.name() != null && !request.name().isBlank()) ? request.name().strip() : null;
		String hash;
		try {
			hash = this.passwordEncoder.encode(request.password());
		}
		catch (RuntimeException ex) {
			// Overloaded: nothing was done, so the attempt does not count against the address.
			this.attempts.registrationAbandoned(clientAddress);
			throw ex;
		}
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			UserRow user = this.users
				.insertIfEmailFree(UUID.randomUUID(), email, hash, name, now.plus(this.properties.trialLength()), now)
				.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "email_taken",
						"An account with this email already exists."));
			sendVerification(user, now);
			return user;
		});
	}

	TokenPair verifyEmail(String token) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			UserRow user = this.emailTokens.consume(SecretTokens.sha256(token), EmailTokenPurpose.VERIFY_EMAIL, now)
				.flatMap((userId) -> this.users.markEmailVerified(userId, now))
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_token",
						"The verification link is unknown, used or expired."));
			return this.sessions.start(user);
		});
	}

	/** Answers the same whether or not the account exists; only the rate limit shows. */
	void resendVerification(String rawEmail, String clientAddress) {
		String email = Emails.normalise(rawEmail);
		this.attempts.mailRefusedFor(email, clientAddress).ifPresent((retryAfter) -> {
			throw ApiException.tooManyRequests("rate_limited", "Too many requests; try again later.", retryAfter);
		});
		this.transactions.executeWithoutResult((status) -> this.users.findByEmail(email)
			.filter((user) -> !user.emailVerified())
			.ifPresent((user) -> sendVerification(user, this.clock.instant())));
	}

	private void sendVerification(UserRow user, Instant now) {
		String token = SecretTokens.newToken();
		this.emailTokens.insert(SecretTokens.sha256(token), user.id(), EmailTokenPurpose.VERIFY_EMAIL, now,
				now.plus(this.properties.verificationTokenTtl()));
		this.outbox.enqueue(this.mails.verification(user.email(), token, this.properties.verificationTokenTtl()));
	}

}
