package com.saasgate.authbilling.auth;

import java.time.Clock;
import java.time.Instant;

import com.saasgate.authbilling.auth.EmailTokenRepository.EmailTokenPurpose;
import com.saasgate.authbilling.auth.RefreshTokenRepository.RevocationReason;
import com.saasgate.authbilling.email.MailOutbox;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords. The request answers the same for every email; a reset link works once, retires
 * the links sent before it, proves the address (so it also verifies it) and ends every session.
 */
@Service
class PasswordResetService {

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

	PasswordResetService(UserRepository users, EmailTokenRepository emailTokens, SessionService sessions,
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

	/** Mails a reset link when the account exists; over the mail limit it quietly sends nothing. */
	void forgot(String rawEmail, String clientAddress) {
		String email = Emails.normalise(rawEmail);
		if (this.attempts.mailRefusedFor(email, clientAddress).isPresent()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> this.users.findByEmail(email).ifPresent((user) -> {
			Instant now = this.clock.instant();
			this.emailTokens.retireOpenOfUser(user.id(), EmailTokenPurpose.RESET_PASSWORD, now);
			String token = SecretTokens.newToken();
			this.emailTokens.insert(SecretTokens.sha256(token), user.id(), EmailTokenPurpose.RESET_PASSWORD, now,
					now.plus(this.properties.resetTokenTtl()));
			this.outbox.enqueue(this.mails.passwordReset(user.email(), token, this.properties.resetTokenTtl()));
		}));
	}

	void reset(String token, String newPassword) {
		// The password is judged before the token is spent, so a refused password costs the user nothing.
		String problem = this.passwordPolicy.problem(newPassword, null);
		if (problem != null) {
			throw ApiException.invalidRequest(problem);
		}
		String hash = this.passwordEncoder.encode(newPassword);
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.clock.instant();
			UserRow user = this.emailTokens.consume(SecretTokens.sha256(token), EmailTokenPurpose.RESET_PASSWORD, now)
				.flatMap(this.users::findById)
				.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_token",
						"The reset link is unknown, used or expired."));
			if (user.email().equalsIgnoreCase(newPassword)) {
				throw ApiException.invalidRequest("password must not be the email address");
			}
			this.users.updatePasswordHash(user.id(), hash, now);
			this.users.markEmailVerified(user.id(), now);
			this.emailTokens.retireOpenOfUser(user.id(), EmailTokenPurpose.RESET_PASSWORD, now);
			this.sessions.endAll(user.id(), RevocationReason.PASSWORD_RESET);
		});
	}

}
