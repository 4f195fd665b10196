package com.saasgate.authbilling.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.saasgate.authbilling.email.MailProperties;
import com.saasgate.authbilling.email.OutgoingMail;

import org.springframework.stereotype.Component;

/** The texts of the account mails. */
@Component
class AuthMails {

	private final MailProperties mail;

	AuthMails(MailProperties mail) {
		this.mail = mail;
	}

	OutgoingMail verification(String to, String token, Duration validFor) {
		String link = this.mail.link("/verify-email?token=" + encode(token));
		return new OutgoingMail(to, "Verify your email address", """
				Welcome!

				Confirm your email address by opening this link:

				%s

				The link works once and expires in %s. If you did not sign up, ignore this mail.
				""".formatted(link, human(validFor)));
	}

	OutgoingMail passwordReset(String to, String token, Duration validFor) {
		String link = this.mail.link("/reset-password?token=" + encode(token));
		return new OutgoingMail(to, "Reset your password", """
				Someone asked to reset the password of this account.

				Choose a new password by opening this link:

				%s

				The link works once and expires in %s. If it was not you, ignore this mail: your password
				stays as it is.
				""".formatted(link, human(validFor)));
	}

	private static String encode(String token) {
		return URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	private static String human(Duration duration) {
		if (duration.toHours() >= 1 && duration.toMinutesPart() == 0) {
			return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
		}
		return duration.toMinutes() + " minutes";
	}

}
