package com.saasgate.authbilling.auth;

import java.time.Clock;

import com.saasgate.authbilling.auth.RefreshTokenRepository.RevocationReason;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in user's own account. */
@Service
class AccountService {

	private final UserRepository users;

	private final SessionService sessions;

	private final Clock clock;

	AccountService(UserRepository users, SessionService sessions, Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	AuthResponses.Me me(AuthenticatedUser user) {
		return this.users.findById(user.userId())
			.map((row) -> AuthResponses.Me.of(row, this.clock.instant()))
			.orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token",
					"The account of this token no longer exists."));
	}

	void logoutAll(AuthenticatedUser user) {
		this.sessions.endAll(user.userId(), RevocationReason.LOGOUT_ALL);
	}

}
