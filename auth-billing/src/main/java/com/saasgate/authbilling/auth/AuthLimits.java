package com.saasgate.authbilling.auth;

import java.time.Duration;

import com.saasgate.authbilling.limits.LimitPolicy;

/** The attempt limits of the auth calls. */
record AuthLimits(LimitPolicy loginPerEmail, LimitPolicy loginPerAddress, LimitPolicy mailPerEmail,
		LimitPolicy mailPerAddress) {

	static AuthLimits of(AuthProperties.Login login) {
		return new AuthLimits(
				new LimitPolicy("login-email", login.maxFailuresPerEmail(), login.failureWindow(), login.lockout()),
				new LimitPolicy("login-ip", login.maxFailuresPerIp(), login.failureWindow(), login.lockout()),
				// Account mails (verification and reset together) an address can ask for per hour: enough for a
				// user who lost one, too few to mail-bomb anybody.
				new LimitPolicy("mail-email", 3, Duration.ofHours(1), Duration.ofHours(1)),
				new LimitPolicy("mail-ip", 30, Duration.ofHours(1), Duration.ofHours(1)));
	}

}
