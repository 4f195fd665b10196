package com.saasgate.authbilling.email;

import java.util.Map;

import com.saasgate.authbilling.outbox.Outbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail in the caller's transaction through the {@link Outbox} (topic {@code email}): it is
 * sent only if that transaction commits, and it survives a crash right after the commit.
 */
@Component
public class MailOutbox {

	private final Outbox outbox;

	MailOutbox(Outbox outbox) {
		this.outbox = outbox;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(OutgoingMail mail) {
		this.outbox.enqueue(Outbox.EMAIL, Map.of("to", mail.to(), "subject", mail.subject(), "text", mail.text()));
	}

}
