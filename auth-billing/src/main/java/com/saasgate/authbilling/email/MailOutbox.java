package com.saasgate.authbilling.email;

import java.util.LinkedHashMap;
import java.util.List;
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

	private final MailTemplates templates;

	MailOutbox(Outbox outbox, MailTemplates templates) {
		this.outbox = outbox;
		this.templates = templates;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(OutgoingMail mail) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("to", mail.to());
		payload.put("subject", mail.subject());
		payload.put("text", mail.text());
		if (mail.html() != null) {
			payload.put("html", mail.html());
		}
		this.outbox.enqueue(Outbox.EMAIL, payload);
	}

	/**
	 * Queues templated mails with one statement (a batch job's mails); each is rendered when sent.
	 * @throws IllegalArgumentException for a template that does not exist
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueueAll(List<TemplatedMail> mails) {
		mails.stream().map(TemplatedMail::template).distinct().forEach((template) -> {
			if (!this.templates.exists(template)) {
				throw new IllegalArgumentException("No mail template " + template);
			}
		});
		this.outbox.enqueueAll(Outbox.EMAIL, mails.stream().map(MailOutbox::payload).toList());
	}

	private static Map<String, Object> payload(TemplatedMail mail) {
		return Map.of("to", mail.to(), "subject", mail.subject(), "template", mail.template(), "values",
				mail.values());
	}

}
