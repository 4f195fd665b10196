package com.saasgate.authbilling.trial;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.saasgate.authbilling.email.MailProperties;
import com.saasgate.authbilling.email.TemplatedMail;

import org.springframework.stereotype.Component;

/** The trial mails (templates {@code mail/trial-ended.*} and {@code mail/trial-ends-tomorrow.*}). */
@Component
class TrialMails {

	static final String ENDED = "trial-ended";

	static final String ENDS_TOMORROW = "trial-ends-tomorrow";

	/** Where the upgrade links point, under {@code FRONTEND_URL}. */
	static final String UPGRADE_PATH = "/billing/upgrade";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final MailProperties mail;

	private final String upgradeUrl;

	TrialMails(MailProperties mail) {
		this.mail = mail;
		this.upgradeUrl = mail.link(UPGRADE_PATH);
	}

	TemplatedMail ended(TrialExpired user) {
		return new TemplatedMail(user.email(), "Your " + this.mail.productName() + " trial has ended", ENDED,
				values(user.name(), user.trialEndsAt(), 0));
	}

	TemplatedMail endsTomorrow(TrialContact user, Instant now) {
		long hours = Math.max(1, Duration.between(now, user.trialEndsAt()).toHours());
		int daysLeft = (int) Math.max(1, (hours + 23) / 24);
		return new TemplatedMail(user.email(), "Your " + this.mail.productName() + " trial ends tomorrow",
				ENDS_TOMORROW, values(user.name(), user.trialEndsAt(), daysLeft));
	}

	private Map<String, String> values(String name, Instant trialEndsAt, int daysLeft) {
		return Map.of("name", (name != null) ? name : "there", "trialEndsAt", DATE.format(trialEndsAt), "daysLeft", Integer.toString(daysLeft), "upgradeUrl", this.upgradeUrl);
	}

}
