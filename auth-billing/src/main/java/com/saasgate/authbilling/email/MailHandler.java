package com.saasgate.authbilling.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.OutboxHandler;
import com.saasgate.authbilling.outbox.PermanentDeliveryFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Sends the outbox's {@code email} messages over SMTP and counts them in
 * {@code emails_sent_total{result}}. A recipient the server refuses for good (a 5xx reply to
 * {@code RCPT TO}, which Jakarta Mail reports as an invalid address of a {@link SendFailedException})
 * or an address that cannot be parsed is a permanent failure; anything else (server down, 4xx) is
 * retried. The body, which holds single-use links, is dropped from the row once the mail is out.
 */
@Component
class MailHandler implements OutboxHandler {

	private final JavaMailSender sender;

	private final MailProperties properties;

	private final Counter sent;

	private final Counter failed;

	MailHandler(JavaMailSender sender, MailProperties properties, MeterRegistry meters) {
		this.sender = sender;
		this.properties = properties;
		this.sent = Counter.builder("emails_sent").tag("result", "sent").register(meters);
		this.failed = Counter.builder("emails_sent").tag("result", "failed").register(meters);
	}

	@Override
	public String topic() {
		return Outbox.EMAIL;
	}

	@Override
	public void handle(JsonNode payload) throws PermanentDeliveryFailure {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(payload.path("to").asString());
		message.setSubject(payload.path("subject").asString());
		message.setText(payload.path("text").asString());
		try {
			this.sender.send(message);
			this.sent.increment();
		}
		catch (MailParseException ex) {
			this.failed.increment();
			throw new PermanentDeliveryFailure("The mail cannot be built: " + ex.getMessage(), ex);
		}
		catch (MailSendException ex) {
			this.failed.increment();
			if (recipientRefused(ex)) {
				throw new PermanentDeliveryFailure("The mail server refused the recipient: " + rootMessage(ex), ex);
			}
			throw ex;
		}
		catch (MailException ex) {
			this.failed.increment();
			throw ex;
		}
	}

	@Override
	public Set<String> dropOnDelivery() {
		return Set.of("text");
	}

	private static boolean recipientRefused(MailSendException ex) {
		return causes(ex).stream()
			.anyMatch((cause) -> cause instanceof SendFailedException failure
					&& failure.getInvalidAddresses() != null && failure.getInvalidAddresses().length > 0);
	}

	private static String rootMessage(MailSendException ex) {
		List<Throwable> causes = causes(ex);
		return String.valueOf(causes.get(causes.size() - 1).getMessage()).strip();
	}

	/** The exception, its causes and, for Jakarta Mail, the chain of next exceptions. */
	private static List<Throwable> causes(MailSendException ex) {
		List<Throwable> roots = new ArrayList<>(ex.getFailedMessages().values());
		roots.add(0, ex);
		List<Throwable> all = new ArrayList<>();
		for (Throwable root : roots) {
			for (Throwable cause = root; cause != null && !all.contains(cause); cause = next(cause)) {
				all.add(cause);
			}
		}
		return all;
	}

	private static Throwable next(Throwable cause) {
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return cause.getCause();
	}

}
