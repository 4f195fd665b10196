package com.saasgate.authbilling.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.saasgate.authbilling.outbox.Outbox;
import com.saasgate.authbilling.outbox.OutboxHandler;
import com.saasgate.authbilling.outbox.PermanentDeliveryFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

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
 * retried. A mail with an HTML part goes out as {@code multipart/alternative}; a templated one is
 * rendered here, at delivery. The body, which may hold single-use links, is dropped from the row
 * once the mail is out.
 */
@Component
class MailHandler implements OutboxHandler {

	private final JavaMailSender sender;

	private final MailProperties properties;

	private final MailTemplates templates;

	private final Counter sent;

	private final Counter failed;

	MailHandler(JavaMailSender sender, MailProperties properties, MailTemplates templates, MeterRegistry meters) {
		this.sender = sender;
		this.properties = properties;
		this.templates = templates;
		this.sent = Counter.builder("emails_sent").tag("result", "sent").register(meters);
		this.failed = Counter.builder("emails_sent").tag("result", "failed").register(meters);
	}

	@Override
	public String topic() {
		return Outbox.EMAIL;
	}

	@Override
	public void handle(JsonNode payload) throws PermanentDeliveryFailure {
		OutgoingMail mail = mail(payload);
		try {
			if (mail.html() == null) {
				this.sender.send(plain(mail));
			}
			else {
				this.sender.send(alternative(mail));
			}
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
		return Set.of("text", "html", "values");
	}

	/** The mail a payload describes: its parts as queued, or rendered from its template now. */
	private OutgoingMail mail(JsonNode payload) throws PermanentDeliveryFailure {
		String to = payload.path("to").asString();
		String subject = payload.path("subject").asString();
		if (payload.hasNonNull("template")) {
			Map<String, String> values = new LinkedHashMap<>();
			payload.path("values").properties().forEach((entry) -> values.put(entry.getKey(), entry.getValue().asString()));
			try {
				return this.templates.render(new TemplatedMail(to, subject, payload.path("template").asString(), values));
			}
			catch (IllegalArgumentException ex) {
				this.failed.increment();
				throw new PermanentDeliveryFailure("The mail cannot be built: " + ex.getMessage(), ex);
			}
		}
		JsonNode html = payload.path("html");
		return new OutgoingMail(to, subject, payload.path("text").asString(), html.isString() ? html.asString() : null);
	}

	private SimpleMailMessage plain(OutgoingMail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.text());
		return message;
	}

	/** {@code multipart/alternative}: text first, HTML last, as RFC 2046 section 5.1.4 orders them. */
	private MimeMessage alternative(OutgoingMail mail) throws PermanentDeliveryFailure {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			message.setFrom(new InternetAddress(this.properties.from()));
			message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
			message.setSubject(mail.subject(), "UTF-8");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(mail.text(), "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setContent(mail.html(), "text/html; charset=UTF-8");
			MimeMultipart parts = new MimeMultipart("alternative");
			parts.addBodyPart(text);
			parts.addBodyPart(html);
			message.setContent(parts);
			return message;
		}
		catch (MessagingException ex) {
			this.failed.increment();
			throw new PermanentDeliveryFailure("The mail cannot be built: " + ex.getMessage(), ex);
		}
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
